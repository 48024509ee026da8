import { ComingSoon } from '../../components/ComingSoon.tsx';

export function AccountsPage() {
  return <ComingSoon title="AccountsPage" />;
}
