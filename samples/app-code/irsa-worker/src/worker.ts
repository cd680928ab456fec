import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fromTokenFile } from '@aws-sdk/credential-providers';

// IRSA: the webhook sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.
const credentials = fromTokenFile({ roleSessionName: 'irsa-worker' });
const s3 = new S3Client({ credentials });
const sqs = new SQSClient({ credentials });

export async function poll(queueUrl: string): Promise<void> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
  for (const message of Messages) {
    const { bucket, key } = JSON.parse(message.Body ?? '{}') as { bucket: string; key: string };
    await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
}
