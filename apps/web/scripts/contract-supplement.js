// The response shapes and endpoints of the HTTP contract (/work/shared/API.md) that the API's own OpenAPI document
// does not describe (yet). `export-openapi.js` adds them only where the API's document is silent: a path the API
// documents keeps its operations, and only a success response without a schema gets the one from here.

const str = (extra = {}) => ({ type: 'string', ...extra });
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const date = str({ format: 'date' });
const instant = str({ format: 'date-time' });
const nullable = (schema) => ({ ...schema, nullable: true });
const arr = (items) => ({ type: 'array', items });
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
/** An object whose listed properties are all required unless named in `optional`. */
const obj = (properties, optional = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((p) => !optional.includes(p)),
});

const ROLES = ['coordinator', 'liaison', 'partner', 'steering_group', 'analyst', 'auditor', 'admin', 'system'];
const CASE_STATUSES = ['signal_received', 'in_triage', 'at_care_table', 'awaiting_steering_group', 'in_execution', 'closed'];
const TARGET_STATUSES = ['not_started', 'green', 'orange', 'red'];
const DEADLINE_KINDS = ['triage', 'proposal_decision', 'effect_follow_up'];

const schemas = {
  User: obj({
    username: str(), role: str({ enum: ROLES }), districts: arr(str()), municipality: nullable(str()), organisation: nullable(str()),
  }),
  DemoLoginResponse: obj({ accessToken: str(), user: ref('User'), csrfToken: str() }, ['csrfToken']),
  SessionResponse: obj({ user: ref('User'), csrfToken: str(), mode: str({ enum: ['demo', 'oidc'] }) }),
  CaseListItem: obj({
    caseId: str({ format: 'uuid' }), reference: str(), district: str(), municipality: str(), status: str({ enum: CASE_STATUSES }),
    forms: arr(str()), urgency: nullable(str()), receivedOn: date, coordinator: nullable(str()), overdue: bool, version: int,
  }, ['forms', 'urgency', 'coordinator', 'overdue']),
  CaseList: obj({ items: arr(ref('CaseListItem')), total: int, page: int, pageSize: int }),
  CaseSubject: obj({
    subjectId: str({ format: 'uuid' }), role: str(), pseudonym: str(), erased: bool, name: nullable(str()),
    birthDate: nullable(date), nationality: nullable(str()), notes: nullable(str()),
  }, ['erased', 'name', 'birthDate', 'nationality', 'notes']),
  CareTableMeeting: obj({
    meetingId: str(), heldOn: date, participants: arr(str()), conclusions: str(), victimInformed: nullable(bool),
  }, ['meetingId', 'victimInformed']),
  CaseProposal: obj({
    proposalId: str({ format: 'uuid' }), status: str({ enum: ['drafted', 'submitted', 'approved', 'rejected'] }), summary: str(),
    proposedInterventions: arr(str()), draftedBy: nullable(str()), submittedBy: nullable(str()), submittedOn: nullable(date),
    decision: nullable(str({ enum: ['approved', 'rejected'] })), decidedOn: nullable(date), decidedBy: nullable(str()), notes: nullable(str()),
  }, ['proposedInterventions', 'draftedBy', 'submittedBy', 'decidedBy', 'notes']),
  InterventionEffect: obj({ effect: str(), observedOn: date, description: nullable(str()) }, ['description']),
  CaseIntervention: obj({
    interventionId: str({ format: 'uuid' }), type: str(), level: str(), leadPartner: str(), plannedOn: date,
    description: nullable(str()), executedOn: nullable(date), effects: arr(ref('InterventionEffect')),
  }, ['description']),
  Triage: obj({ decidedOn: date, urgency: str(), decision: str(), rationale: str(), forwardedTo: nullable(str()) }, ['forwardedTo']),
  CaseDetail: obj({
    caseId: str({ format: 'uuid' }), reference: str(), version: int, status: str({ enum: CASE_STATUSES }), district: str(),
    municipality: str(), receivedOn: date, forms: arr(str()), vulnerabilities: arr(str()),
    source: obj({ type: str(), organisation: nullable(str()) }, ['organisation']), summary: str(), coordinator: nullable(str()),
    urgency: nullable(str()), triage: nullable(ref('Triage')), subjects: arr(ref('CaseSubject')),
    careTableMeetings: arr(ref('CareTableMeeting')), proposals: arr(ref('CaseProposal')), interventions: arr(ref('CaseIntervention')),
    closedOn: nullable(date), outcome: nullable(str()), closeRationale: nullable(str()),
    reopenings: arr(obj({ reopenedOn: date, reason: str() })), missedDeadlines: arr(obj({ kind: str(), dueOn: date, ref: str() })),
  }, [
    'forms', 'vulnerabilities', 'source', 'summary', 'coordinator', 'urgency', 'triage', 'subjects', 'careTableMeetings', 'proposals',
    'interventions', 'closedOn', 'outcome', 'closeRationale', 'reopenings', 'missedDeadlines',
  ]),
  HistoryEvent: obj({
    version: int, type: str(), recordedAt: instant, actor: obj({ username: nullable(str()), role: nullable(str()) }),
    data: { type: 'object', additionalProperties: true }, hash: str(), prevHash: nullable(str()),
  }),
  CaseHistory: obj({ caseId: str({ format: 'uuid' }), events: arr(ref('HistoryEvent')) }),
  District: obj({ id: str(), name: str(), municipalities: arr(obj({ id: str(), name: str() })) }),
  Task: obj({ caseId: str({ format: 'uuid' }), reference: str(), kind: str({ enum: DEADLINE_KINDS }), dueOn: date, overdue: bool }),
  TaskList: obj({ items: arr(ref('Task')) }),
  QuarterlyTargets: obj({
    year: int, quarter: int, periodStart: date, periodEnd: date, asOf: date,
    districts: arr(obj({
      district: str(),
      targets: arr(obj({ targetId: str(), title: str(), actual: int, target: int, status: str({ enum: TARGET_STATUSES }) })),
    })),
  }),
  InterventionEffects: obj({
    from: date, to: date,
    rows: arr(obj({
      interventionType: str(), level: str(), executed: int, withEffect: int, effects: { type: 'object', additionalProperties: int },
    })),
  }),
  StageDuration: obj({ count: int, medianDays: nullable({ type: 'number' }), p90Days: nullable({ type: 'number' }) }),
  FlowReport: obj({
    from: date, to: date, district: nullable(str()), asKnownAt: nullable(instant), signalsReceived: int,
    triageDecisions: obj({ total: int, byDecision: { type: 'object', additionalProperties: int } }),
    careTable: obj({ referrals: int, meetings: int, casesDiscussed: int }),
    proposals: obj({ submitted: int, approved: int, rejected: int }),
    interventionsExecuted: int,
    casesClosed: obj({ total: int, byOutcome: { type: 'object', additionalProperties: int } }),
    reopenings: obj({ total: int, byReason: { type: 'object', additionalProperties: int } }),
    stageDurations: { type: 'object', additionalProperties: ref('StageDuration') },
    openCases: obj({ asOf: date, total: int, byAge: arr(obj({ band: str(), count: int })) }),
  }),
  ChainVerification: obj({ caseId: str({ format: 'uuid' }), valid: bool, checkedEvents: int, firstInvalidVersion: nullable(int) }),
  AccessLog: obj({
    items: arr(obj({ at: instant, username: str(), role: str(), caseId: nullable(str()), action: str(), reason: nullable(str()) })),
  }),
  ProjectionStatus: obj({ name: str(), lag: int, status: str() }),
};

const json = (schema) => ({ content: { 'application/json': { schema } } });
const query = (name, schema = str(), required = false) => ({ name, in: 'query', required, schema });
const pathParam = (name) => ({ name, in: 'path', required: true, schema: str({ format: 'uuid' }) });
const FORMAT = query('format', str({ enum: ['json', 'csv', 'xlsx'] }));
const AS_KNOWN_AT = query('asKnownAt', instant);
const ok = (schemaName) => ({ 200: { description: '', ...json(ref(schemaName)) } });

/** Success-response schemas for operations the API documents without one: path → method → schema. */
const responses = {
  '/api/auth/demo-login': { post: ref('DemoLoginResponse') },
  '/api/cases': { get: ref('CaseList') },
  '/api/cases/{caseId}': { get: ref('CaseDetail') },
  '/api/cases/{caseId}/history': { get: ref('CaseHistory') },
  '/api/reference-data/districts': { get: arr(ref('District')) },
  '/api/projections': { get: arr(ref('ProjectionStatus')) },
};

/** Endpoints of the contract, used by the web UI, that the API may not serve yet. */
const paths = {
  '/api/auth/session': { get: { tags: ['auth'], responses: ok('SessionResponse') } },
  '/api/auth/logout': { post: { tags: ['auth'], responses: { 204: { description: '' }, 200: { description: '' } } } },
  '/api/me/tasks': { get: { tags: ['work queue'], responses: ok('TaskList') } },
  '/api/reports/quarterly-targets': {
    get: {
      tags: ['reports'],
      parameters: [query('year', int), query('quarter', int), query('asOf', date), query('district'), FORMAT],
      responses: ok('QuarterlyTargets'),
    },
  },
  '/api/reports/intervention-effects': {
    get: {
      tags: ['reports'],
      parameters: [query('from', date), query('to', date), query('district'), query('form'), AS_KNOWN_AT, FORMAT],
      responses: ok('InterventionEffects'),
    },
  },
  '/api/reports/flow': {
    get: {
      tags: ['reports'],
      parameters: [query('from', date), query('to', date), query('district'), AS_KNOWN_AT, FORMAT],
      responses: ok('FlowReport'),
    },
  },
  '/api/audit/cases/{caseId}/verify': {
    get: { tags: ['audit'], parameters: [pathParam('caseId')], responses: ok('ChainVerification') },
  },
  '/api/audit/access-log': {
    get: {
      tags: ['audit'],
      parameters: [query('caseId'), query('username'), query('from', date), query('to', date)],
      responses: ok('AccessLog'),
    },
  },
};

module.exports = { schemas, responses, paths };
