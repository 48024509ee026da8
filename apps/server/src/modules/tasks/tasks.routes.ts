import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import type { TaskCalendar } from './tasks.calendar.ts';
import {
  type TTask,
  ZBulkTasksRequest,
  ZBulkTasksResult,
  ZCalendarFeed,
  ZCalendarParams,
  ZCreateTaskCommentRequest,
  ZCreateTaskRequest,
  ZTask,
  ZTaskComments,
  ZTaskListQuery,
  ZTaskPage,
  ZTasksExportQuery,
  ZTasksPage,
  ZTasksQuery,
  ZTaskWorkload,
  ZUpdateTaskRequest,
} from './tasks.schemas.ts';
import type { TaskService } from './tasks.service.ts';

/** The columns of the CSV export, in order. */
const TASK_CSV: CsvColumn<TTask>[] = [
  ['id', (r) => r.id],
  ['account', (r) => r.accountName],
  ['title', (r) => r.title],
  ['owner', (r) => r.ownerName],
  ['due_on', (r) => r.dueOn],
  ['priority', (r) => r.priority],
  ['status', (r) => r.status],
  ['overdue', (r) => (r.overdue ? 'yes' : 'no')],
  ['snoozed_until', (r) => r.snoozedUntil],
  ['completed_at', (r) => r.completedAt],
  ['source', (r) => r.source],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
];

const tags = ['tasks'];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerTaskRoutes(app: FastifyInstance, deps: { tasks: TaskService; calendar: TaskCalendar }) {
  const r = typed(app);
  const svc = deps.tasks;

  r.get('/api/v1/tasks', {
    schema: {
      operationId: 'listTasks',
      summary: 'My task inbox, or the team’s tasks',
      tags,
      querystring: ZTasksQuery,
      response: { 200: ZTasksPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/tasks/export.csv', {
    schema: {
      operationId: 'exportTasksCsv',
      summary: 'Export the tasks as CSV',
      description: 'Every task matching the same filters and order as the list.',
      tags,
      querystring: ZTasksExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'tasks.csv', TASK_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/tasks/workload', {
    schema: {
      operationId: 'getTaskWorkload',
      summary: 'Open, overdue and coming tasks per person',
      tags,
      response: { 200: ZTaskWorkload, ...standardErrors },
    },
    handler: async (req) => svc.workload(actorOf(req)),
  });

  r.post('/api/v1/tasks/bulk', {
    schema: {
      operationId: 'bulkTasks',
      summary: 'Complete, reopen, reassign, snooze or delete several tasks',
      tags,
      body: ZBulkTasksRequest,
      response: { 200: ZBulkTasksResult, ...standardErrors },
    },
    handler: async (req) => svc.bulk(actorOf(req), req.body),
  });

  r.get('/api/v1/tasks/calendar-feed', {
    schema: {
      operationId: 'getTaskCalendarFeed',
      summary: 'Whether I have a calendar feed',
      tags,
      response: { 200: ZCalendarFeed, ...standardErrors },
    },
    handler: async (req) => deps.calendar.status(actorOf(req)),
  });

  r.post('/api/v1/tasks/calendar-feed', {
    schema: {
      operationId: 'renewTaskCalendarFeed',
      summary: 'Make my calendar feed’s secret address',
      description: 'The address is in this answer only; a previous one stops working.',
      tags,
      response: { 200: ZCalendarFeed, ...standardErrors },
    },
    handler: async (req) => deps.calendar.renew(actorOf(req)),
  });

  r.delete('/api/v1/tasks/calendar-feed', {
    schema: {
      operationId: 'revokeTaskCalendarFeed',
      summary: 'Stop my calendar feed',
      tags,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await deps.calendar.revoke(actorOf(req));
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/calendar/:orgId/:token', {
    config: { public: true },
    schema: {
      operationId: 'taskCalendar',
      summary: 'A person’s open tasks as an iCalendar feed (secret address)',
      tags,
      params: ZCalendarParams,
      produces: ['text/calendar'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const ics = await deps.calendar.feed(req.params.orgId, req.params.token.slice(0, -'.ics'.length));
      if (ics === null) throw notFound('Calendar');
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store').send(ics);
    },
  });

  r.get('/api/v1/accounts/:id/tasks', {
    schema: {
      operationId: 'listTasksOfAccount',
      summary: 'List the tasks of an account',
      tags,
      params: ZIdParams,
      querystring: ZTaskListQuery,
      response: { 200: ZTaskPage, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id, req.query),
  });

  r.post('/api/v1/accounts/:id/tasks', {
    schema: {
      operationId: 'createTask',
      summary: 'Add a task to an account',
      tags,
      params: ZIdParams,
      body: ZCreateTaskRequest,
      response: { 201: ZTask, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/tasks/:id', {
    schema: { operationId: 'getTask', summary: 'Get a task', tags, params: ZIdParams, response: { 200: ZTask, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/tasks/:id', {
    schema: {
      operationId: 'updateTask',
      summary: 'Edit, complete, reopen, reassign or snooze a task',
      tags,
      params: ZIdParams,
      body: ZUpdateTaskRequest,
      response: { 200: ZTask, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.delete('/api/v1/tasks/:id', {
    schema: {
      operationId: 'deleteTask',
      summary: 'Delete a task',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/tasks/:id/comments', {
    schema: {
      operationId: 'listTaskComments',
      summary: 'The comments on a task, oldest first',
      tags,
      params: ZIdParams,
      response: { 200: ZTaskComments, ...standardErrors },
    },
    handler: async (req) => svc.comments(actorOf(req), req.params.id),
  });

  r.post('/api/v1/tasks/:id/comments', {
    schema: {
      operationId: 'commentOnTask',
      summary: 'Comment on a task',
      tags,
      params: ZIdParams,
      body: ZCreateTaskCommentRequest,
      response: { 200: ZTaskComments, ...standardErrors },
    },
    handler: async (req) => svc.comment(actorOf(req), req.params.id, req.body.body),
  });
}
