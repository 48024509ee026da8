import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
/** Every module registers its routes on a zod-typed instance. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
