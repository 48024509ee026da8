import { valuesOf } from '../../lib/enums.ts';
import { type ListSearch, optString, parseListSearch } from '../../lib/search.ts';
import type { ResponseCategory, ResponseSort, SurveyKind, SurveySort } from './types.ts';

/** The sort keys the API takes; a key the server adds or drops fails the type check until this follows. */
export const SURVEY_SORTS = valuesOf<SurveySort>({ name: true, kind: true, respondents: true, score: true, createdAt: true });
export const RESPONSE_SORTS = valuesOf<ResponseSort>({ answeredAt: true, score: true, account: true, survey: true });
export const SURVEY_KINDS = valuesOf<SurveyKind>({ nps: true, csat: true });
export const CATEGORIES = valuesOf<ResponseCategory>({ promoter: true, passive: true, detractor: true });

/** The surveys list's state in the URL, so a filtered view can be bookmarked. */
export interface SurveysSearch extends ListSearch<SurveySort> {
  q?: string;
  kind?: SurveyKind;
}

export function parseSurveysSearch(search: Record<string, unknown>): SurveysSearch {
  const kind = optString(search.kind);
  return {
    ...parseListSearch(search, SURVEY_SORTS),
    q: optString(search.q),
    kind: SURVEY_KINDS.includes(kind as SurveyKind) ? (kind as SurveyKind) : undefined,
  };
}

/** The answers list's state in the URL. */
export interface ResponsesSearch extends ListSearch<ResponseSort> {
  q?: string;
  surveyId?: string;
  accountId?: string;
  category?: ResponseCategory;
}

export function parseResponsesSearch(search: Record<string, unknown>): ResponsesSearch {
  const category = optString(search.category);
  return {
    ...parseListSearch(search, RESPONSE_SORTS),
    q: optString(search.q),
    surveyId: optString(search.surveyId),
    accountId: optString(search.accountId),
    category: CATEGORIES.includes(category as ResponseCategory) ? (category as ResponseCategory) : undefined,
  };
}
