// A cost as text: the amount, "unknown" when no call had a price (never $0), and the calls left out.
import type { Usage } from "../api/types";
import { costText } from "./usage";

interface Props {
  usage: Pick<Usage, "calls" | "costUsd" | "unpricedCalls">;
  testId?: string;
}

export function Cost({ usage, testId }: Props) {
  const cost = costText(usage);
  return (
    <span className="cost" data-testid={testId} data-unknown={cost.unknown || undefined}>
      <span className="cost-amount">{cost.amount}</span>
      {cost.note && <span className="hint"> {cost.note}</span>}
    </span>
  );
}
