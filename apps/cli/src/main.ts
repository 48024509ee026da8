import { createRequire } from 'node:module';
import { Argument, Command, CommanderError, Option } from 'commander';
import { runCreateAdmin } from './commands/create-admin.ts';
import { runMigrate, runSeedDemo } from './commands/database.ts';
import { runExport, type TEntity } from './commands/export.ts';
import { runHealthEvaluate, type THealthEvaluateOptions } from './commands/health.ts';
import { runImport, type TImportEntity } from './commands/import.ts';
import { runSurveyResponsesImport } from './commands/import-survey-responses.ts';
import { runUsageImport } from './commands/import-usage.ts';
import { JOURNEY_STATUS_CHOICES, runJourneysList, type TJourneysListOptions } from './commands/journeys.ts';
import { runMetrics, type TMetricsOptions } from './commands/metrics.ts';
import { runPlaybookDryRun, runPlaybooksList, type TPlaybookDryRunOptions, type TPlaybooksListOptions } from './commands/playbooks.ts';
import { runRenewalsReport, type TRenewalsReportOptions } from './commands/renewals.ts';
import { runStart } from './commands/start.ts';
import { CliError, EXIT } from './errors.ts';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];
const entityArgument = (what: string) => new Argument('<entity>', what).choices(['accounts', 'contacts']);
const VERSION: string = createRequire(import.meta.url)('../package.json').version;

/** Set by `start`: the server keeps the process alive until a signal, so the CLI must not exit after the command. */
let serving = false;

export function buildProgram() {
  const program = new Command('customer365')
    .description('Customer365: customer success and renewals. Runs the server, manages its database and talks to its REST API.')
    .version(VERSION, '-v, --version')
    .addOption(new Option('--url <url>', 'Customer365 server for import/export').env('CUSTOMER365_URL').default('http://localhost:3650'))
    .addOption(new Option('--token <token>', 'API token (c365_…) for import/export').env('CUSTOMER365_TOKEN'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Database commands (start, migrate, seed-demo, create-admin) use the server's configuration:
DATABASE_URL=postgres://… for PostgreSQL, otherwise the embedded PGlite database in DATA_DIR (default ./data).

Exit codes: 0 success · 1 the operation failed (server, database, import) · 2 bad usage or input, nothing changed.

Examples:
  customer365 create-admin --org-name "Acme Success" --email admin@acme.example --name "Ada Admin"
  customer365 import accounts accounts.xlsx --token c365_… --mode skip_invalid
  customer365 import subscriptions periods.csv --format periods --create-missing-accounts
  customer365 export accounts --market NL --segment enterprise --out nl-enterprise.csv
  customer365 metrics --from 2019-01 --to 2019-12 --by month --market NL --json
  customer365 renewals report --from 2019-01 --to 2019-12 --by month --json
  customer365 journeys list --status late
  customer365 playbooks dry-run "Poor health" --json
  customer365 health evaluate --outcome churned --test-share 0.2 --seed 1 --fit --json`,
    );

  program
    .command('start')
    .description('run Customer365 (web UI, REST API, worker and scheduler), as `npm start` does')
    .option('--no-build', 'do not rebuild the web UI when its sources changed')
    .action(async (opts: { build: boolean }) => {
      await runStart(opts);
      serving = true;
    });

  program
    .command('migrate')
    .description('apply database migrations and exit (the server also does this when it starts)')
    .action(() => runMigrate());

  program
    .command('seed-demo')
    .description('load the demo organisation (users, markets, accounts, contacts) unless it is already there')
    .action(() => runSeedDemo());

  program
    .command('create-admin')
    .description('create an organisation and its first admin user')
    .requiredOption('--org-name <name>', 'name of the new organisation')
    .requiredOption('--email <email>', "the admin's e-mail address (used to sign in)")
    .requiredOption('--name <name>', "the admin's full name")
    .option('--password <password>', 'at least 12 characters; asked for (or read from stdin) when left out')
    .option('--slug <slug>', 'short unique name of the organisation (default: from --org-name)')
    .option('--currency <code>', 'reporting currency', 'EUR')
    .addOption(
      new Option(
        '--language <code>',
        "the organisation's default language: what the product preloads (the default journey) is written in it",
      )
        .choices(['en', 'nl', 'da'])
        .default('en'),
    )
    .action((opts) => runCreateAdmin(opts));

  program
    .command('import')
    .description(
      'import accounts, contacts or subscriptions from a .csv or .xlsx file, or usage events or survey answers from a .csv file, through the REST API',
    )
    .addArgument(
      new Argument('<entity>', 'what the file holds').choices(['accounts', 'contacts', 'subscriptions', 'usage', 'survey-responses']),
    )
    .argument('<file>', 'a .csv or .xlsx file with a header row (usage, survey-responses: .csv)')
    .option('--survey <name|id>', 'survey-responses: the survey the answers belong to')
    .addOption(
      new Option('--mode <mode>', 'all_or_nothing: import nothing while any row has errors; skip_invalid: import the valid rows')
        .choices(['all_or_nothing', 'skip_invalid'])
        .default('all_or_nothing'),
    )
    .option('--mapping <auto|file.json>', 'column mapping: "auto" takes the suggested one; a JSON file maps column → field', 'auto')
    .addOption(
      new Option(
        '--format <form>',
        'subscriptions: periods = one row per paid period (customer_id,start_date,end_date,monthly_amount[,plan,currency,quantity]; end_date exclusive, empty while it runs); changes = one row per effective-dated change (customer_id,effective_date,change[,subscription_id,plan,quantity,unit_price,currency,interval_months,discount_percent,reason,comment,change_id])',
      ).choices(['periods', 'changes']),
    )
    .option('--create-missing-accounts', 'subscriptions: a customer_id no account has as its external id creates an account named after it')
    .option(
      '--create-missing-reasons',
      "subscriptions, --format changes: a reason not in the organisation's cancel reasons is added to them (otherwise the row is an error)",
    )
    .addHelpText(
      'after',
      `
Subscriptions: customer_id is an account's external id; without --create-missing-accounts an unknown one is a row error.
In the changes form a reason matches a cancel reason by its name (any case); without --create-missing-reasons an unknown one is a row error.
Importing the same file again changes nothing (its rows are reported unchanged).
  customer365 import subscriptions periods.csv --format periods --create-missing-accounts

Usage events (a back-fill; a token with the usage:write scope): one row per event, columns
  account_external_id (or account_id), event, and optionally user_id, timestamp (ISO 8601; default: now),
  message_id; every other column becomes a property of the event. Columns are recognised by these names and
  common synonyms (customer_id, user, email, time, date, …) or mapped with --mapping {"Column": "field"}.
  Every row is checked first (--mode all_or_nothing imports nothing while any row has errors); the events are
  sent 1,000 at a time to POST /api/v1/usage/events. A row without message_id gets one derived from its row
  number and values, so importing the same file again stores nothing twice. An external id no account has is
  kept and listed under Administration → Unmapped usage.
  customer365 import usage events.csv --mode skip_invalid

Survey answers (a token with the survey_response:write scope): one row per answer, columns score (or a header
  naming the scale, "… 0-10 …"), account (external id or name) and/or contact_email, and optionally comment,
  answered_at (ISO 8601; default: now) and response_id. A contact's answer is on the contact's account. The same
  file imported again records nothing twice; refused rows are listed with their row number and reason.
  customer365 import survey-responses nps.csv --survey "Quarterly NPS"`,
    )
    .action((entity: TImportEntity | 'usage' | 'survey-responses', file: string, _opts, cmd: Command) =>
      entity === 'usage'
        ? runUsageImport(file, cmd.optsWithGlobals())
        : entity === 'survey-responses'
          ? runSurveyResponsesImport(file, cmd.optsWithGlobals())
          : runImport(entity, file, cmd.optsWithGlobals()),
    );

  program
    .command('export')
    .description('download accounts or contacts as CSV (all rows matching the filters; custom fields included)')
    .addArgument(entityArgument('what to export'))
    .option('-o, --out <file.csv>', 'write to this file instead of stdout')
    .option('--search <text>', 'name, domain or external id (accounts); name or e-mail (contacts)')
    .option('--sort <field>', 'sort field, e.g. name, createdAt, updatedAt')
    .addOption(new Option('--order <order>', 'sort order').choices(['asc', 'desc']))
    .addOption(new Option('--status <status>', 'accounts: active, archived or all').choices(['active', 'archived', 'all']))
    .option('--market <code>', 'accounts: market code or id (repeatable)', collect)
    .option('--segment <segment>', 'accounts: enterprise, mid_market, smb (repeatable)', collect)
    .option('--edition <edition>', 'accounts: self_service, professional, enterprise (repeatable)', collect)
    .option('--lifecycle-stage <stage>', 'accounts: trial, onboarding, adoption, renewal, at_risk, churned (repeatable)', collect)
    .option('--owner <id|me|none>', "accounts: owner's user id, me, or none (repeatable)", collect)
    .option('--tag <tag>', 'accounts: having all these tags (repeatable)', collect)
    .option('--account <id>', 'contacts: only this account')
    .option('--role <role>', 'contacts: role on the account, e.g. champion, decision_maker, billing (repeatable)', collect)
    .option('--language <code>', 'contacts: language code, e.g. nl')
    .action((entity: TEntity, _opts, cmd: Command) => runExport(entity, cmd.optsWithGlobals()));

  program
    .command('metrics')
    .description('MRR, movements (new, expansion, contraction, churn, reactivation) and churn rates per period, through the REST API')
    .requiredOption('--from <period>', 'first month (2019-01) or day (2019-01-15)')
    .requiredOption('--to <period>', 'last month or day, inclusive')
    .addOption(new Option('--by <granularity>', 'one row per').choices(['day', 'month', 'quarter', 'year']).default('month'))
    .option('--market <code>', 'only accounts of this market, e.g. NL')
    .option('--edition <edition>', 'only accounts of this edition, e.g. professional')
    .option('--plan <code>', 'only accounts whose primary plan has this code')
    .option('--owner <user-id>', 'only accounts this CSM owns')
    .option('--segment <segment>', 'only accounts of this segment, e.g. enterprise')
    .option('--tag <tag>', 'only accounts with this tag')
    .option('--field <key:value>', 'only accounts with this custom field value')
    .option(
      '--json',
      'print JSON: {"currency","periods":[{"period","mrr","customers","new","expansion","contraction","churn","reactivation","customerChurnRate","grossMrrChurnRate","netMrrChurnRate","arpa", then arr, nrr, grr …}]}',
    )
    .addHelpText(
      'after',
      `
Money is in major units of the organisation's reporting currency, rates are fractions (0.05 = 5%), and
each period's movements compare it with the period before. Without --json a table is printed.`,
    )
    .action((_opts, cmd: Command) => runMetrics(cmd.optsWithGlobals() as TMetricsOptions));

  program
    .command('renewals')
    .description('renewal reporting: the subscription terms due per period and what followed them')
    .command('report')
    .description(
      'per period: terms due, renewed, churned, downgraded and upgraded, renewal rates by count and value, eligible churn, revenue churn and average deal value, through the REST API',
    )
    .requiredOption('--from <month>', 'first month, e.g. 2019-01')
    .requiredOption('--to <month>', 'last month, inclusive, e.g. 2019-12')
    .addOption(new Option('--by <granularity>', 'one row per').choices(['month', 'quarter', 'year']).default('month'))
    .option('--owner <user-id>', 'only accounts this CSM owns')
    .option('--segment <segment>', 'only accounts of this segment, e.g. enterprise')
    .option('--market <code>', 'only accounts of this market, e.g. NL')
    .option(
      '--json',
      'print JSON: {"currency","periods":[{"period","due","dueArr","renewed","renewedArr","churned","downgraded","upgraded","renewalRateCount","renewalRateValueGross","renewalRateValueNet","eligibleChurnRate","revenueChurn","averageDealValue","winbackOffers","winbackWon","winbackLost","winbackWonArr"}]}',
    )
    .addHelpText(
      'after',
      `
A term is due in the period that holds its last day (an imported period ends the day before its end_date) and
renewed when the same account's next term starts within the grace period (organisation setting, default 30
days) around its end; churned when none did and the grace has passed. ARR is in major units of the
organisation's reporting currency, rates are fractions (0.8 = 80%). Without --json a table is printed.
The API token needs the renewal:read scope.

Example:
  customer365 renewals report --from 2019-01 --to 2019-12 --by month --json`,
    )
    .action((_opts, cmd: Command) => runRenewalsReport(cmd.optsWithGlobals() as TRenewalsReportOptions));

  program
    .command('journeys')
    .description('customer journeys: each account through its onboarding milestones')
    .command('list')
    .description(
      'the journeys with their current milestone, its due day, how late they run and the checklist, most late first, through the REST API',
    )
    .addOption(
      new Option('--status <status>', 'running journeys (active), only the late or on-track ones, or finished ones')
        .choices([...JOURNEY_STATUS_CHOICES])
        .default('active'),
    )
    .option('--q <words>', 'only accounts whose name has these words')
    .option(
      '--json',
      'print JSON: {"journeys":[{"id","accountId","accountName","ownerName","name","status","startedOn","currentMilestone","currentDueOn","lateness","lateMilestones","daysLate","checklistDone","checklistTotal"}]}',
    )
    .addHelpText(
      'after',
      `
A journey is late when one of its milestones is open past its due day; --status late lists those, the
most days late first. Without --json a table is printed. The API token needs the journey:read scope.

Example:
  customer365 journeys list --status late --json`,
    )
    .action((_opts, cmd: Command) => runJourneysList(cmd.optsWithGlobals() as TJourneysListOptions));

  const playbooks = program
    .command('playbooks')
    .description('playbooks: when / if / then rules that make tasks, send e-mails and start journeys');
  playbooks
    .command('list')
    .description(
      'the playbooks with their trigger, whether they are on, their actions, how often they fired and when last, through the REST API',
    )
    .option('--json', 'print JSON: {"playbooks":[{"id","name","preset","trigger","enabled","conditions","actions","runs","lastFiredAt"}]}')
    .addHelpText('after', '\nWithout --json a table is printed. The API token needs the playbook:read scope.')
    .action((_opts, cmd: Command) => runPlaybooksList(cmd.optsWithGlobals() as TPlaybooksListOptions));
  playbooks
    .command('dry-run')
    .description('the accounts a playbook would match now (a daily trigger: those due today), by name with their owner; changes nothing')
    .argument('<name-or-id>', "the playbook's name (any case) or id")
    .option(
      '--json',
      'print JSON: {"playbook":{"id","name"},"total","accounts":[{"id","name","ownerName"}]} (at most the first 100 accounts)',
    )
    .addHelpText(
      'after',
      `
The API token needs the playbook:read and playbook:write scopes (a dry run is part of editing a playbook).

Example:
  customer365 playbooks dry-run "Poor health"`,
    )
    .action((nameOrId: string, _opts, cmd: Command) => runPlaybookDryRun(nameOrId, cmd.optsWithGlobals() as TPlaybookDryRunOptions));

  program
    .command('health')
    .description('health scores: evaluate a scorecard against past churn, and fit one to it')
    .command('evaluate')
    .description(
      'ROC AUC, lift by decile and the confusion at the band boundaries of the default scorecard, on the accounts whose outcome is known',
    )
    .requiredOption(
      '--outcome <field>',
      'a yes/no custom field key whose yes/true/1 means churned, or "churned": the churn the subscriptions show',
    )
    .option('--test-field <field>', 'a yes/no custom field key: yes puts the account in the test part')
    .option('--test-share <share>', 'a seeded random share of the accounts in the test part, e.g. 0.2')
    .option('--seed <n>', 'the seed of --test-share', '1')
    .option('--scorecard <id>', 'evaluate this scorecard instead of the default one')
    .option('--fit', 'fit the scorecard to the training part and report the fitted one')
    .option('--save', 'with --fit: save the fitted scorecard as a new version')
    .option(
      '--json',
      'print JSON: {"test":{"n","positives","auc","lift","confusion"},"train":{"n","positives","auc"},"inputs":[{"name","weight","label","thresholds"}], then outcome, split, fitted, unfitted, dropped, candidates, saved}',
    )
    .addHelpText(
      'after',
      `
Each account is scored as of the day before its churn (today when it has not churned), so what happened at the
churn never leaks into a measure. Without a test field or share, all accounts are both the training and the test
part. AUC: the chance a churned account scores lower than one that stayed (0.5 = no better than chance).

Example:
  customer365 health evaluate --outcome churned --test-share 0.2 --seed 1 --fit --json`,
    )
    .action((_opts, cmd: Command) => runHealthEvaluate(cmd.optsWithGlobals() as THealthEvaluateOptions));

  return program;
}

/** Runs the CLI and returns the exit code; errors meant for the user are printed without a stack trace. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`Unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failed;
  }
}

const code = await runCli(process.argv.slice(2));
// Every command but a running `start` is done here; exiting explicitly stops lingering PGlite or pool timers.
if (!serving) process.exit(code);
