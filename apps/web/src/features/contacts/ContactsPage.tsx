import { ComingSoon } from '../../components/ComingSoon.tsx';

export function ContactsPage() {
  return <ComingSoon title="ContactsPage" />;
}
