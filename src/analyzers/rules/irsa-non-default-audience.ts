import { refString } from '../../model/inventory.js';
import { DEFAULT_IRSA_AUDIENCE } from '../inventory/read-irsa.js';
import type { Rule } from '../rule.js';

/** Entra token exchange always uses api://AzureADTokenExchange; an app that checks its own audience must change. */
export const irsaNonDefaultAudience: Rule = {
  id: 'irsa-non-default-audience',
  severity: 'warning',
  title: 'IRSA service account with a non-default token audience',
  fix: 'Workload ID tokens always carry the audience api://AzureADTokenExchange: check whether the app validates the audience itself.',
  check({ inventory }) {
    return inventory.irsaServiceAccounts
      .filter((account) => account.audience !== null && account.audience !== DEFAULT_IRSA_AUDIENCE)
      .map((account) => ({
        message: `ServiceAccount ${refString(account.ref)} asks for token audience ${account.audience} instead of ${DEFAULT_IRSA_AUDIENCE}`,
        location: account.doc.locate(['metadata', 'annotations', 'eks.amazonaws.com/audience']),
      }));
  },
};
