// The plans feature's own shapes, from the generated contract.
import { valuesOf } from '../../lib/enums.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Plan = ResponseOf<'/api/v1/plans', 'get'>['items'][number];
export type PlanDetail = ResponseOf<'/api/v1/plans/{id}', 'get'>;
export type PlanPrice = Plan['prices'][number];
export type PlanInput = BodyOf<'/api/v1/products/{id}/plans', 'post'>;
export type PlanQuery = QueryOf<'/api/v1/plans', 'get'>;
export type PlanSort = NonNullable<PlanQuery['sort']>;
export type CatalogueStatus = NonNullable<PlanQuery['status']>;
export type Product = ResponseOf<'/api/v1/products', 'get'>['items'][number];
export type ProductKind = Product['kind'];
export type Feature = ResponseOf<'/api/v1/features', 'get'>['items'][number];
export type Comparison = ResponseOf<'/api/v1/plans/comparison', 'get'>;

export const PRODUCT_KINDS = valuesOf<ProductKind>({ edition: true, addon: true, service: true });
export const STATUSES = valuesOf<CatalogueStatus>({ active: true, archived: true, all: true });
/** Billing intervals in months (the server accepts exactly these). */
export const INTERVALS = [1, 3, 12, 24, 36] as const;
export type Interval = (typeof INTERVALS)[number];
