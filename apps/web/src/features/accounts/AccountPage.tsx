import { ComingSoon } from '../../components/ComingSoon.tsx';

export function AccountPage() {
  return <ComingSoon title="AccountPage" />;
}
