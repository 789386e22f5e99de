// Shapes from docs/api.md (Patron HTTP API v1).

export interface OrgRef { id: number; code: string; name: string }
export interface RoleAssignment { id: number; role: string; department_id: number }
export interface Me {
  id: number;
  username: string;
  display_name: string;
  org: OrgRef;
  department_id: number;
  permissions: string[];
  roles: RoleAssignment[];
}
export interface SessionInfo {
  id: number | string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}
export interface Department {
  id: number;
  parent_id: number | null;
  name: string;
  kind: string;
  function: string;
  version: number;
}
export interface User {
  id: number;
  username: string;
  display_name: string;
  status: string;
  department_id: number;
  phone: string;
  email: string;
  version: number;
  roles: RoleAssignment[];
}
export interface Role {
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  version: number;
}
export interface Phone { kind: string; number: string; label: string }
export interface Contact {
  name: string;
  title: string;
  mobile: string;
  landline: string;
  email: string;
  is_primary: boolean;
}
export interface Vehicle {
  id: number;
  version: number;
  vin: string;
  plate: string;
  brand: string;
  model: string;
  color: string;
  purchase_date: string;
  sold_by_us: boolean;
}
export interface Customer {
  id: number;
  version: number;
  kind: string;
  customer_type: string;
  special_kind: string;
  category: string;
  name: string;
  company_name: string;
  id_number: string;
  enterprise_nature: string;
  supervising_unit: string;
  address: string;
  website: string;
  credit_status: string;
  grade: string;
  secrecy: string;
  notes: string;
  department_id: number;
  department_name: string;
  owner_id: number;
  owner_name: string;
  phones: Phone[];
  contacts: Contact[];
  vehicles: Vehicle[];
  created_at: string;
  updated_at: string;
  masked: boolean;
}
export interface CustomerSummary {
  id: number;
  version: number;
  name: string;
  kind: string;
  customer_type: string;
  category: string;
  company_name: string;
  grade: string;
  secrecy: string;
  phone: string;
  department_id: number;
  department_name: string;
  owner_id: number;
  owner_name: string;
  updated_at: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  total_is_estimate: boolean;
  page: number;
  page_size: number;
}
export interface Interaction {
  id: number;
  kind: string;
  direction: string;
  subject: string;
  body: string;
  occurred_at: string;
  author_id: number;
  author_name: string;
  created_at: string;
}
export interface HistoryEntry {
  id: number;
  version: number;
  field: string;
  old_value: string;
  new_value: string;
  changed_by: number;
  changed_by_name: string;
  changed_at: string;
}
// PIPL: the data subject's copy of what is held about the customer (GET /customers/{id}/personal-data).
export interface PersonalDataCopy {
  watermark: string;
  exported_at: string;
  customer: Customer;
  interactions: Interaction[];
  history: HistoryEntry[];
  archives: { id: number; number: string; kind: string; status: string; plate: string; vin: string; created_at: string }[];
}
export interface ImportError { line: number; field: string; message: string }
export interface ImportJob {
  id: number | string;
  status: string;
  dry_run: boolean;
  total: number;
  processed: number;
  imported: number;
  errors: ImportError[];
}
export interface AuditEntry {
  seq: number;
  at: string;
  user_id: number;
  username: string;
  action: string;
  object_type: string;
  object_id: string;
  outcome: string;
  ip: string;
  user_agent: string;
  detail: string;
}
export interface PolicySetting {
  key: string;
  rule: string;
  unit: string;
  value: number;
  default: number;
  min: number;
  max: number;
  version: number;
  description_zh: string;
  description_en: string;
}
export interface PolicyHistoryEntry {
  version?: number;
  value?: number;
  updated_by?: number;
  updated_by_name?: string;
  updated_at?: string;
  reason?: string;
  [k: string]: unknown;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface CalendarData {
  time_zone: string;
  weekend: number[];
  version: number;
  is_default: boolean;
  marked_years: number[];
  days: CalendarDay[];
  updated_at: string | null;
  updated_by: number | null;
}

export interface Deadline {
  event_day: string;
  due_day: string;
  due_at: string;
  explanation: string;
}

export interface ChecklistItem {
  code: string;
  title_zh: string;
  title_en: string;
  needs_customer_signature: boolean;
  needs_internal_signature: boolean;
  optional: boolean;
}

export interface ArchiveItem {
  code: string;
  state: 'missing' | 'present' | 'defective';
  defect: string;
  customer_signed: boolean;
  internal_signed: boolean;
}

export interface Handover {
  id: number;
  archive_id: number;
  sender_id: number;
  receiver_id: number;
  handed_at: string;
  items_handed: string[];
  items_missing: string[];
  sender_signed: boolean;
  receiver_signed: boolean;
  notes: string;
  due_at: string;
  late_working_days: number;
  on_time: boolean;
  deadline_explanation: string;
  archive_number?: string;
  archive_kind?: string;
  department_id?: number;
}

export interface ArchiveSummary {
  id: number;
  version: number;
  number: string;
  kind: 'new_car' | 'after_sales';
  status: 'open' | 'handed_over' | 'checked' | 'filed' | 'destroyed';
  customer_id: number;
  vehicle_id: number;
  department_id: number;
  responsible_id: number;
  event_at: string;
  visit_ref: string;
  contact_verified: boolean;
  cabinet: string;
  shelf: string;
  bag: string;
  confirmed_by: number | null;
  confirmed_at: string | null;
  customer_name: string;
  plate: string;
  vin: string;
}

/** A scanned document of an archive (ARC-1). Withdrawn ones stay on record; nothing is deleted. */
export interface ArchiveDocument {
  id: number;
  archive_id: number;
  item_code: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
  withdrawn: boolean;
  withdrawn_by: number | null;
  withdrawn_at: string | null;
  withdrawn_reason: string;
  purged: boolean;
}

/** An organisation's checklist of one archive kind (ARC-2/ARC-3); version 0 is the shipped default. */
export interface ChecklistTemplate {
  kind: 'new_car' | 'after_sales';
  version: number;
  is_default: boolean;
  updated_by: number | null;
  updated_at: string | null;
  items: ChecklistItem[];
}

export interface Archive extends ArchiveSummary {
  checklist: ChecklistItem[];
  items: ArchiveItem[];
  complete: boolean;
  deadline: { due_day: string; due_at: string; explanation: string };
  overdue: boolean;
  handovers: Handover[];
  department_name: string;
  responsible_name: string;
  documents?: ArchiveDocument[];
  /** ARC-6g: files of the archive lost or damaged, oldest first. */
  incidents?: ArchiveIncident[];
}

/** ARC-6g: a file of an archive lost or damaged; late filing and borrowing breaches cost a fine. */
export interface ArchiveIncident {
  id: number;
  kind: 'lost' | 'damaged';
  cause: 'late_filing' | 'borrowing_breach' | 'other';
  responsible_id: number;
  files: number;
  occurred_on: string;
  description: string;
  recorded_by: number;
  recorded_at: string;
}

export interface Fine {
  id: number;
  version: number;
  rule: string;
  person_id: number;
  person_name: string;
  department_id: number;
  department_name: string;
  archive_id: number;
  archive_number: string;
  offender_kind: 'sales' | 'service';
  day: string;
  base_fen: number;
  ordinal: number;
  multiplier: number;
  amount_fen: number;
  facts: string;
  arithmetic: string;
  status: 'proposed' | 'confirmed' | 'waived' | 'withdrawn';
  decided_by: number | null;
  decided_at: string | null;
  reason: string;
}

export interface PenaltyStatement {
  month: string;
  persons: {
    person_id: number;
    person_name: string;
    department_id: number;
    department_name: string;
    violations: number;
    proposed_fen: number;
    confirmed_fen: number;
    pay_deduction: boolean;
  }[];
  departments: { department_id: number; department_name: string; violations: number; proposed_fen: number; confirmed_fen: number }[];
}

/** ARC-10: a customer whose filing deadline passed before the basic information form was complete. */
export interface OverdueFiling {
  customer_id: number;
  customer_name: string;
  department_id: number;
  department_name: string;
  met_on: string;
  due_day: string;
  /** The fields the form still lacks: name, phones, address, contacts (a company). */
  missing: string[];
}

/** ARC-10: a change of a customer reported on the maintenance form after its deadline. */
export interface LateChange {
  customer_id: number;
  customer_name: string;
  department_id: number;
  /** The customer's version the change made. */
  version: number;
  /** The changed fields as the server names them, comma-separated: "address,notes". */
  fields: string;
  /** The day the change happened on the customer's side. */
  changed_on: string;
  /** The last day of the report's deadline. */
  due_day: string;
  reported_at: string;
  reported_by: number;
}

/** An open reminder of the daily job (ARC-10 overdue filings, ARC-11 inspection due, ARC-12 archives past retention). */
export interface Reminder {
  key: string;
  rule: string;
  subject: string;
  detail: string;
  link: string;
  due_on: string;
  created_at: string;
}

/** ARC-11: a full inspection of the archive storage. */
export interface StorageInspection {
  id: number;
  inspected_on: string;
  inspector_id: number;
  location: string;
  damp: boolean;
  mould: boolean;
  pests: boolean;
  damaged_files: number;
  findings: string;
  repairs: string;
  created_at: string;
}

export interface InspectionList {
  items: StorageInspection[];
  last: string | null;
  next_due: string;
  overdue: boolean;
}

/** ARC-12: an archive past its retention period, not yet proposed for destruction. */
export interface DestructionCandidate {
  archive_id: number;
  number: string;
  kind: 'new_car' | 'after_sales';
  status: ArchiveSummary['status'];
  customer_name: string;
  plate: string;
  vin: string;
  event_at: string;
  retention_until: string;
}

export interface DestructionLine {
  archive_id: number;
  number: string;
  kind: 'new_car' | 'after_sales';
  customer_name: string;
  vin: string;
  event_at: string;
  retention_until: string;
  /** Scans held when proposed (none once destroyed). */
  documents: number;
}

/** ARC-12: a destruction proposal and its decision; the record is permanent. */
export interface Destruction {
  id: number;
  version: number;
  status: 'proposed' | 'approved' | 'rejected';
  reason: string;
  proposed_by: number;
  proposed_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string;
  lines: DestructionLine[];
}

/** SEC-2/SEC-4: where the approver of a step must hold one of its roles. */
export type StepScope = 'record_department' | 'requester_department' | 'organisation';
export type AccessObjectType = 'archive' | 'customer';
/** What a grant allows on its record: read it, copy or export it (SEC-7), lend its paper file (SEC-5). */
export type AccessAction = 'read' | 'copy' | 'lend' | 'disclose';

export interface ApprovalStep {
  name: string;
  roles: string[];
  scope: StepScope;
}

/** One of the organisation's approval chains; version 0 is the default of the policy, never changed. */
export interface ApprovalChain {
  /** lending: SEC-5 borrowing a paper file (the borrower's department manager, then the information management specialist). */
  /** copying: SEC-7 (general manager or customer information supervisor); disclosure: SEC-8 (customer information supervisor, then customer service manager). */
  /** report_change, report_review, report_distribution: SEC-11 customer reports (item changes; distributions). */
  kind:
    | 'own_department'
    | 'other_department'
    | 'classified'
    | 'lending'
    | 'copying'
    | 'disclosure'
    | 'report_change'
    | 'report_review'
    | 'report_distribution';
  steps: ApprovalStep[];
  version: number;
}

export interface StepDecision {
  /** 0-based index into the request's steps. */
  step: number;
  approver_id: number;
  approver_name: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
}

/** SEC-2: a request for access to one record, decided step by step along the chain it was made with. */
export interface AccessRequest {
  id: number;
  version: number;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requester_id: number;
  requester_name: string;
  requester_department_id: number;
  object_type: AccessObjectType;
  object_id: number;
  /** The archive number or the customer's name; "" when the caller may not see the record. */
  object_label: string;
  object_department_id: number;
  object_secrecy: string;
  /** SEC-3: the registered non-employee the host asked for, or null. */
  visitor_id: number | null;
  /** "name (organisation)" of that visitor; "" when none. */
  visitor_label: string;
  actions: AccessAction[];
  purpose: string;
  reason: string;
  days: number;
  steps: ApprovalStep[];
  decisions: StepDecision[];
  current_step: number;
  /** The caller may decide the current step. */
  may_decide: boolean;
  created_at: string;
  decided_at: string | null;
}

/** A time-limited grant on one record: from an approved request, or a general manager's authorisation (SEC-12). */
export interface AccessGrant {
  id: number;
  grantee_id: number;
  grantee_name: string;
  object_type: AccessObjectType;
  object_id: number;
  /** Archive number or customer name; "" when the caller may not read the record. */
  object_label: string;
  actions: AccessAction[];
  valid_from: string;
  valid_until: string;
  kind: 'request' | 'authorisation';
  request_id: number | null;
  granted_by: number;
  granted_by_name: string;
  reason: string;
  status: 'active' | 'expired' | 'revoked' | 'future';
  revoked_at: string | null;
  revoked_by: number | null;
  /** The revoker's display name; "" when not revoked. */
  revoked_by_name: string;
  revoke_reason: string;
  created_at: string;
}

/** SEC-10: a remedial action of a breach incident, with its owner. */
export interface RemedialAction {
  id: number;
  description: string;
  owner_id: number;
  due_on: string;
  done_at: string | null;
  result: string;
  created_at: string;
}

/** SEC-10: a reported (possible) leak of customer information. */
export interface BreachIncident {
  id: number;
  version: number;
  severity: 'possible' | 'confirmed';
  title: string;
  description: string;
  records: string;
  occurred_on: string;
  reported_by: number;
  reported_at: string;
  status: 'open' | 'closed';
  summary: string;
  closed_by: number | null;
  closed_at: string | null;
  actions?: RemedialAction[];
}

/** SEC-5: a paper file lent from the archive room against an approved borrowing, and its return. */
export interface Loan {
  id: number;
  version: number;
  archive_id: number;
  archive_number: string;
  department_id: number;
  department_name: string;
  borrower_id: number;
  borrower_name: string;
  /** The approved borrowing (access grant for lend) the loan relies on. */
  grant_id: number;
  title: string;
  copies: number;
  reason: string;
  borrower_signed: boolean;
  lent_by: number;
  lent_by_name: string;
  lent_at: string;
  /** Back by the end of this day (YYYY-MM-DD). */
  due_on: string;
  returned_at: string | null;
  received_by: number | null;
  received_by_name: string;
  /** '' while out. */
  condition: '' | 'intact' | 'damaged' | 'lost';
  return_note: string;
  /** ARC-6g incident of a damaged or lost loan. */
  incident_id: number | null;
  status: 'out' | 'overdue' | 'returned' | 'lost';
}

/** SEC-3: a registered non-employee, hosted by an employee, with their introduction letter or work ID. */
export type VisitorDocumentKind = 'introduction_letter' | 'work_id';
export interface Visitor {
  id: number;
  version: number;
  name: string;
  organisation: string;
  document_kind: VisitorDocumentKind;
  /** Whole for the host and holders of customer.personal_data; masked ("JH********15") for others. */
  document_number: string;
  purpose: string;
  host_id: number;
  host_name: string;
  /** The last day the registration counts (YYYY-MM-DD). */
  valid_until: string;
  registered_at: string;
  revoked_at: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** SEC-11: the catalogue of report items (aggregates only). */
export const REPORT_ITEMS = [
  'customers_by_category',
  'customers_by_type',
  'customers_by_kind',
  'customers_by_grade',
  'customers_by_department',
  'new_customers_by_month',
  'vehicles_by_brand',
] as const;
export type ReportItem = (typeof REPORT_ITEMS)[number];

export interface ReportFigure {
  item: ReportItem;
  /** A code (category, type, kind, grade; "" not graded), a month YYYY-MM, a department's name or a brand. */
  key: string;
  count: number;
}

export interface ReportDecision {
  step: number;
  approver_id: number;
  approver_name: string;
  decision: 'approve' | 'reject';
  comment: string;
  at: string;
}

/** SEC-11: an item change (kind change) or a distribution (kind distribution, with its snapshot). */
export interface ReportRequest {
  id: number;
  version: number;
  kind: 'change' | 'distribution';
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  report_id: number;
  title: string;
  report_department_id: number;
  report_department_name: string;
  requester_id: number;
  requester_name: string;
  items: ReportItem[];
  previous_items?: ReportItem[];
  note: string;
  steps: ApprovalStep[];
  decisions: ReportDecision[];
  current_step: number;
  may_decide: boolean;
  created_at: string;
  decided_at: string | null;
  recipient_department_id?: number;
  recipient_department_name?: string;
  computed_at?: string;
  figures?: ReportFigure[];
  received?: boolean;
}

export interface CustomerReport {
  id: number;
  version: number;
  title: string;
  department_id: number;
  department_name: string;
  items: ReportItem[];
  created_by: number;
  created_by_name: string;
  created_at: string;
  updated_by: number;
  updated_by_name: string;
  updated_at: string;
  pending_change: ReportRequest | null;
}
