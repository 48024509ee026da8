import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TCapacityPerson,
  ZCapacityOverview,
  ZCapacityPeopleExportQuery,
  ZCapacityPeoplePage,
  ZCapacityPeopleQuery,
  ZCapacityPerson,
  ZCapacityQuery,
  ZCapacitySettings,
  ZPutCapacityPersonRequest,
  ZUpdateCapacitySettingsRequest,
} from './capacity-plans.schemas.ts';
import type { CapacityPlanService } from './capacity-plans.service.ts';

const tags = ['capacity'];

/** The people list's CSV columns, in order. */
const PEOPLE_CSV: CsvColumn<TCapacityPerson>[] = [
  ['user_id', (r) => r.userId],
  ['name', (r) => r.name],
  ['role', (r) => r.role],
  ['team', (r) => r.team],
  ['hours_per_week', (r) => r.hoursPerWeek],
];

type TWeekRow = {
  weekStart: string;
  team: string;
  milestones: number;
  renewals: number;
  upsells: number;
  total: number;
  capacity: number;
  over: boolean;
};
/** The weeks' CSV columns: one row per week and team. */
const WEEKS_CSV: CsvColumn<TWeekRow>[] = [
  ['week_start', (r) => r.weekStart],
  ['team', (r) => r.team],
  ['milestone_hours', (r) => r.milestones],
  ['renewal_hours', (r) => r.renewals],
  ['upsell_hours', (r) => r.upsells],
  ['demand_hours', (r) => r.total],
  ['capacity_hours', (r) => r.capacity],
  ['over_capacity', (r) => String(r.over)],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerCapacityPlanRoutes(app: FastifyInstance, deps: { capacityPlans: CapacityPlanService }) {
  const r = typed(app);
  const svc = deps.capacityPlans;

  r.get('/api/v1/capacity', {
    schema: {
      operationId: 'getCapacity',
      summary: 'The effort coming per team and week against the team’s capacity, and CS spend against ACV',
      tags,
      querystring: ZCapacityQuery,
      response: { 200: ZCapacityOverview, ...standardErrors },
    },
    handler: async (req) => svc.overview(actorOf(req), req.query),
  });

  r.get('/api/v1/capacity/weeks/export.csv', {
    schema: {
      operationId: 'exportCapacityWeeksCsv',
      summary: 'Export the weeks ahead as CSV',
      description: 'One row per week and team: the hours milestones, renewals and upsells bring, the team’s hours, and whether it is over.',
      tags,
      querystring: ZCapacityQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'capacity-weeks.csv', WEEKS_CSV, svc.exportWeeks(actorOf(req), req.query)),
  });

  r.get('/api/v1/capacity/people', {
    schema: {
      operationId: 'listCapacityPeople',
      summary: "The team's people with their team and hours per week",
      tags,
      querystring: ZCapacityPeopleQuery,
      response: { 200: ZCapacityPeoplePage, ...standardErrors },
    },
    handler: async (req) => svc.people(actorOf(req), req.query),
  });

  r.get('/api/v1/capacity/people/export.csv', {
    schema: {
      operationId: 'exportCapacityPeopleCsv',
      summary: "Export the team's people as CSV",
      description: 'Every person matching the same filters and order as the list.',
      tags,
      querystring: ZCapacityPeopleExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'capacity-people.csv', PEOPLE_CSV, svc.exportPeople(actorOf(req), req.query)),
  });

  r.patch('/api/v1/capacity/settings', {
    schema: {
      operationId: 'updateCapacitySettings',
      summary: 'Change the effort hours, the CS spend percentage of ACV or the team cost per month',
      tags,
      body: ZUpdateCapacitySettingsRequest,
      response: { 200: ZCapacitySettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.put('/api/v1/capacity/people/:id', {
    schema: {
      operationId: 'putCapacityPerson',
      summary: "Set a person's team and hours per week",
      tags,
      params: ZIdParams,
      body: ZPutCapacityPersonRequest,
      response: { 200: ZCapacityPerson, ...standardErrors },
    },
    handler: async (req) => svc.putPerson(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/capacity/people/:id', {
    schema: {
      operationId: 'deleteCapacityPerson',
      summary: 'Take a person out of the capacity table',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.removePerson(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
