import { ComingSoon } from '../../components/ComingSoon.tsx';

export function DashboardPage() {
  return <ComingSoon title="DashboardPage" />;
}
