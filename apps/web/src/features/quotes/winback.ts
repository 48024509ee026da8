// When a renewal may take a win-back offer: the server's rule (quotes.service.ts), so the button shows only then.

/** What the quotes need of a renewal: its id, whether it is closed, and what makes it churn-risk. */
export interface TQuotedRenewal {
  id: string;
  category: string;
  stage: string;
  riskReasons: readonly string[];
  closedAt: string | null;
}

/** As the server decides: churn-risk by category, churned, red health or a cancel request. */
export const winbackAllowed = (r: TQuotedRenewal) =>
  r.category === 'churn_risk' || r.stage === 'churned' || r.riskReasons.some((x) => x === 'health_red' || x === 'cancel_requested');
