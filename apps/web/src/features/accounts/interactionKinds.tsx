import { IconHeadset, IconMail, IconMessages, IconNote, IconPhone, IconUsersGroup } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { InteractionKind } from './types.ts';

type Icon = ComponentType<{ size?: number | string; stroke?: number }>;

export const KIND_ICONS: Record<InteractionKind, Icon> = {
  note: IconNote,
  call: IconPhone,
  email: IconMail,
  meeting: IconUsersGroup,
  chat: IconMessages,
  support_request: IconHeadset,
};

export const KIND_COLORS: Record<InteractionKind, string> = {
  note: 'gray',
  call: 'teal',
  email: 'blue',
  meeting: 'grape',
  chat: 'cyan',
  support_request: 'orange',
};
