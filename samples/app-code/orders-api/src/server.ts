import express from 'express';
import { blobService } from './credentials.js';

const app = express();

app.get('/orders/:id/receipt', async (request, response) => {
  const container = blobService(process.env.STORAGE_ACCOUNT ?? 'ordersprod').getContainerClient('receipts');
  const blob = await container.getBlobClient(`${request.params.id}.pdf`).downloadToBuffer();
  response.type('application/pdf').send(blob);
});

app.listen(Number(process.env.PORT ?? 8080));
