// Enumerations from docs/api.md.
export const CUSTOMER_KINDS = ['individual', 'company'];
export const CUSTOMER_TYPES = ['general', 'special']; // CLS-1
export const SPECIAL_KINDS = ['lawyer', 'financial_adviser', 'advertising', 'public_relations', 'bank', 'insurer'];
export const CATEGORIES = ['target', 'general', 'key', 'potential']; // CLS-2
export const GRADES = ['', 'A', 'B', 'C'];
export const SECRECY = ['normal', 'confidential', 'top_secret']; // SEC-6
export const PHONE_KINDS = ['mobile', 'landline', 'fax', 'other'];
export const INTERACTION_KINDS = ['call', 'letter', 'fax', 'visit', 'email', 'note', 'meeting']; // ARC-13
export const DIRECTIONS = ['', 'inbound', 'outbound'];
export const DEPT_KINDS = ['group', 'store', 'department'];
export const DEPT_FUNCTIONS = ['', 'customer_care', 'sales', 'after_sales', 'marketing', 'finance', 'office', 'crm_center', 'legal', 'brand', 'customer_service'];
export const PERMISSIONS = [
  'customer.read',
  'customer.create',
  'customer.update',
  'customer.import',
  'customer.export',
  'customer.personal_data',
  'interaction.create',
  'org.read',
  'org.manage',
  'policy.read',
  'policy.manage',
  'audit.read',
];

// SEC-2 … SEC-6, SEC-12: access requests and grants.
export const ACCESS_OBJECT_TYPES = ['archive', 'customer'] as const;
export const ACCESS_ACTIONS = ['read', 'copy', 'lend', 'disclose'] as const;
export const STEP_SCOPES = ['record_department', 'requester_department', 'organisation'] as const;
export const MAX_GRANT_DAYS = 90;
export const MAX_CHAIN_STEPS = 5;
// SEC-3: the register of non-employees.
export const VISITOR_DOCUMENT_KINDS = ['introduction_letter', 'work_id'] as const;
export const MAX_VISITOR_DAYS = 90;

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const ID_NUMBER_RE = /^[0-9A-Za-z-]{9,20}$/;
export const VIN_RE = /^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/;
export const PLATE_RE = /^[\u4e00-\u9fa5][A-Za-z][A-Za-z0-9]{5,6}$/;

export function isPhone(v: string): boolean {
  const s = v.replace(/^\+86/, '');
  return MOBILE_RE.test(s) || LANDLINE_RE.test(s);
}
