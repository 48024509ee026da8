import { defineMessages } from '../../platform/messages.ts';

/** What the competitors module tells a user, in every UI language. The codes are part of the API: keep them. */
export const competitorsMessages = defineMessages({
  competitor_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
  competitor_name_taken: {
    en: 'another competitor has this name',
    nl: 'een andere concurrent heeft deze naam',
    da: 'en anden konkurrent har dette navn',
  },
  competitor_unknown: {
    en: 'no such competitor in this organisation',
    nl: 'deze concurrent bestaat niet in deze organisatie',
    da: 'denne konkurrent findes ikke i denne organisation',
  },
  competitor_unknown_plan: {
    en: 'no such plan in this organisation',
    nl: 'dit plan bestaat niet in deze organisatie',
    da: 'denne plan findes ikke i denne organisation',
  },
  competitor_already_linked: {
    en: 'this competitor is already on the account; edit that entry',
    nl: 'deze concurrent staat al bij het account; wijzig die regel',
    da: 'denne konkurrent er allerede på kontoen; ret den post',
  },
  competitor_duplicate_price: {
    en: 'this currency and interval appear more than once',
    nl: 'deze valuta en periode komen meer dan eens voor',
    da: 'denne valuta og periode forekommer mere end én gang',
  },
});
