/**
 * A change in English words, for the timeline entry's subject (what exports and the API show); the web renders
 * the same entry from its data in the reader's language.
 */
export function describeChange(c: {
  kind: string;
  reference: string;
  currency: string;
  mrrBefore: number;
  mrrAfter: number;
  payload: Record<string, unknown>;
  reasonLabel: string | null;
}): string {
  const money = (n: number) => `${c.currency} ${n.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const display = (c.payload.display ?? {}) as Record<string, unknown>;
  const mrr = c.mrrBefore === c.mrrAfter ? '' : ` (MRR ${money(c.mrrBefore)} → ${money(c.mrrAfter)})`;
  const what: Record<string, string> = {
    start: 'Subscription started',
    upgrade: `Upgraded${display.fromPlan ? ` from ${display.fromPlan}` : ''}${display.toPlan ? ` to ${display.toPlan}` : ''}`,
    downgrade: `Downgraded${display.fromPlan ? ` from ${display.fromPlan}` : ''}${display.toPlan ? ` to ${display.toPlan}` : ''}`,
    plan_change: `Plan changed${display.toPlan ? ` to ${display.toPlan}` : ''}`,
    add_on: `Add-on added${(c.payload.line as { description?: string } | undefined)?.description ? `: ${(c.payload.line as { description: string }).description}` : ''}`,
    remove_line: `Line removed${display.description ? `: ${display.description}` : ''}`,
    quantity: `Quantity changed${display.fromQuantity !== undefined ? ` from ${display.fromQuantity}` : ''} to ${c.payload.quantity}`,
    price: `Price changed to ${c.payload.unitPrice}`,
    discount_added: `Discount of ${(c.payload.discount as { percent?: number } | undefined)?.percent ?? ''}% added`,
    discount_removed: 'Discount removed',
    terms: 'Terms changed',
    cancel_request: `Cancellation requested${c.reasonLabel ? `: ${c.reasonLabel}` : ''}${c.payload.endsOn ? `; ends ${c.payload.endsOn}` : ''}`,
    cancel_withdrawn: 'Cancellation withdrawn',
    end: `Subscription ended${c.reasonLabel ? `: ${c.reasonLabel}` : ''}`,
    reactivation: 'Subscription reactivated',
    renewal: `Renewed${c.payload.termEnd ? ` until ${c.payload.termEnd}` : ''}`,
  };
  return `${c.reference}: ${what[c.kind] ?? c.kind}${mrr}`;
}
