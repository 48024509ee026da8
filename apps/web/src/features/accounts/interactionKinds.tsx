import {
  IconAlertTriangle,
  IconHeadset,
  IconMail,
  IconMailOff,
  IconMessages,
  IconNote,
  IconPhone,
  IconReceipt2,
  IconRotateClockwise2,
  IconTargetArrow,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { TimelineKind } from './types.ts';

type Icon = ComponentType<{ size?: number | string; stroke?: number }>;

export const KIND_ICONS: Record<TimelineKind, Icon> = {
  note: IconNote,
  call: IconPhone,
  email: IconMail,
  meeting: IconUsersGroup,
  chat: IconMessages,
  support_request: IconHeadset,
  subscription: IconReceipt2,
  churn_signal: IconAlertTriangle,
  renewal: IconRotateClockwise2,
  nurture: IconMailOff,
  success_plan: IconTargetArrow,
};

export const KIND_COLORS: Record<TimelineKind, string> = {
  note: 'gray',
  call: 'teal',
  email: 'blue',
  meeting: 'grape',
  chat: 'cyan',
  support_request: 'orange',
  subscription: 'green',
  churn_signal: 'red',
  renewal: 'indigo',
  nurture: 'pink',
  success_plan: 'lime',
};
