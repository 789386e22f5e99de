# Writes src/http/openapi.json, the OpenAPI 3.1 document the server serves:
#   python3 scripts/gen_openapi.py > src/http/openapi.json
# Edit this file, not the JSON. Api.OpenApiDocumentsEveryRoute checks it against the route table.
import json
S = lambda name: {"$ref": f"#/components/schemas/{name}"}
def arr(x): return {"type": "array", "items": x}
def obj(props, required=()):
    o = {"type": "object", "properties": props, "additionalProperties": False}
    if required: o["required"] = list(required)
    return o
string = {"type": "string"}; integer = {"type": "integer", "format": "int64"}; boolean = {"type": "boolean"}
time = {"type": "string", "format": "date-time"}; idref = {"type": ["integer", "null"], "format": "int64"}
def enum(*v): return {"type": "string", "enum": list(v)}
problem_resp = {"description": "Problem", "content": {"application/problem+json": {"schema": S("Problem")}}}
ERR = {str(c): {"$ref": f"#/components/responses/{n}"} for c, n in
       [(400, "BadRequest"), (401, "Unauthenticated"), (403, "Forbidden"), (404, "NotFound"), (409, "Conflict"), (413, "TooLarge"), (429, "Throttled")]}
def resp(schema, code="200", desc="OK", ctype="application/json"):
    r = {code: {"description": desc}}
    if schema is not None: r[code]["content"] = {ctype: {"schema": schema}}
    r.update(ERR); return r
def op(summary, tag, perm, responses, body=None, params=(), rules=(), ctype="application/json", security=True):
    o = {"summary": summary, "tags": [tag], "x-permission": perm, "responses": responses}
    if rules: o["x-rules"] = list(rules)
    if params: o["parameters"] = list(params)
    if body is not None: o["requestBody"] = {"required": True, "content": {ctype: {"schema": body}}}
    if not security: o["security"] = []
    return o
def path_param(name, schema=integer): return {"name": name, "in": "path", "required": True, "schema": schema}
def q(name, schema=string, desc=""): return {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}
list_params = [q("q", string, "substring of name, phone, plate, VIN or company (Chinese included)"), q("category", enum("target","general","key","potential")),
               q("department_id", integer), q("owner_id", integer), q("sort", enum("name","-name","updated_at","-updated_at","id","-id"), "default: -id (newest first) when q is given, else -updated_at"),
               q("page", integer), q("page_size", {"type": "integer", "minimum": 1, "maximum": 200})]
schemas = {
 "Problem": {"type": "object", "description": "RFC 9457 problem details", "properties": {"type": string, "title": string, "status": integer, "detail": string, "field": string,
   "errors": arr(obj({"field": string, "message": string})), "request_id": string}, "required": ["type", "title", "status", "detail", "request_id"]},
 "Phone": obj({"kind": enum("mobile","landline","fax","other"), "number": string, "label": string}, ["number"]),
 "Contact": obj({"name": string, "title": string, "mobile": string, "landline": string, "email": string, "is_primary": boolean}, ["name"]),
 "Vehicle": obj({"id": integer, "customer_id": integer, "version": integer, "vin": string, "plate": string, "brand": string, "model": string, "color": string,
   "purchase_date": {"type": "string", "format": "date"}, "sold_by_us": boolean, "created_at": time}),
 "VehicleInput": obj({"vin": {"type": "string", "description": "17 characters, no I/O/Q, check digit in position 9"}, "plate": string, "brand": string, "model": string,
   "color": string, "purchase_date": string, "sold_by_us": boolean, "version": {"type": "integer", "description": "required on PATCH"}}),
 "CustomerFields": {"type": "object", "properties": {"kind": enum("individual","company"), "customer_type": {**enum("general","special"), "description": "CLS-1"},
   "special_kind": enum("", "lawyer","financial_adviser","advertising","public_relations","bank","insurer"), "category": {**enum("target","general","key","potential"), "description": "CLS-2"},
   "name": {"type": "string", "maxLength": 100}, "company_name": string, "id_number": {"type": "string", "description": "ID card (GB 11643), organisation code or social credit code; masked without customer.personal_data"},
   "enterprise_nature": string, "supervising_unit": string, "address": {"type": "string", "description": "masked without customer.personal_data"}, "website": string, "credit_status": string,
   "grade": enum("", "A", "B", "C"), "secrecy": enum("normal","confidential","top_secret"), "notes": string, "department_id": integer, "owner_id": idref,
   "phones": arr(S("Phone")), "contacts": arr(S("Contact"))}},
 "CustomerInput": {"allOf": [S("CustomerFields"), {"type": "object", "properties": {"met_on": {"type": "string", "format": "date",
   "description": "ARC-10: the day the department met the customer (default today); the filing deadline runs from it"}}}], "required": ["name", "department_id"], "description": "ARC-9 profile; unknown fields are rejected"},
 "CustomerPatch": {"allOf": [S("CustomerFields"), {"type": "object", "properties": {"version": integer, "changed_on": {"type": "string", "format": "date",
   "description": "ARC-10 maintenance form: the day the change happened; the report is recorded, late after the deadline"}}, "required": ["version"]}],
   "description": "only the fields present change; phones/contacts replace the whole list; a stale version gets 409"},
 "Customer": {"allOf": [S("CustomerFields"), {"type": "object", "properties": {"id": integer, "version": integer, "department_name": string, "owner_name": string,
   "vehicles": arr(S("Vehicle")), "created_at": time, "updated_at": time, "masked": boolean,
   "anonymised": {"type": "boolean", "description": "PIPL: anonymised at the end of retention"}}}]},
 "CustomerSummary": obj({"id": integer, "version": integer, "name": string, "kind": string, "customer_type": string, "category": string, "company_name": string, "grade": string,
   "secrecy": string, "phone": string, "department_id": integer, "department_name": string, "owner_id": idref, "owner_name": string, "updated_at": time}),
 "CustomerPage": obj({"items": arr(S("CustomerSummary")), "total": integer, "total_is_estimate": {"type": "boolean", "description": "true when more than 1000 matched (total is then 1000)"}, "page": integer, "page_size": integer}),
 "Interaction": obj({"id": integer, "kind": enum("call","letter","fax","visit","email","note","meeting"), "direction": enum("", "inbound", "outbound"), "subject": string, "body": string,
   "occurred_at": time, "author_id": integer, "author_name": string, "created_at": time}),
 "InteractionInput": obj({"kind": enum("call","letter","fax","visit","email","note","meeting"), "direction": enum("", "inbound", "outbound"), "subject": string, "body": string, "occurred_at": time}, ["kind", "subject"]),
 "HistoryEntry": obj({"id": integer, "version": integer, "field": string, "old_value": string, "new_value": string, "changed_by": integer, "changed_by_name": string, "changed_at": time}),
 "Department": obj({"id": integer, "parent_id": idref, "name": string, "kind": enum("group","store","department"), "function": string, "version": integer}),
 "DepartmentInput": obj({"parent_id": integer, "name": string, "kind": enum("group","store","department"), "function": enum("", "customer_care","sales","after_sales","marketing","finance","office","crm_center","legal","brand","customer_service"), "version": integer}),
 "User": obj({"id": integer, "username": string, "display_name": string, "status": enum("active","disabled"), "department_id": integer, "phone": string, "email": string,
   "created_at": time, "version": integer, "roles": arr(S("RoleAssignment"))}),
 "UserInput": obj({"username": string, "display_name": string, "password": {"type": "string", "minLength": 12}, "department_id": integer, "phone": string, "email": string}, ["username", "display_name", "password", "department_id"]),
 "UserPatch": obj({"version": integer, "display_name": string, "department_id": integer, "status": enum("active","disabled"), "phone": string, "email": string}, ["version"]),
 "RoleAssignment": obj({"id": integer, "role": string, "department_id": integer}),
 "Role": obj({"code": string, "name_zh": string, "name_en": string, "permissions": arr(string), "builtin": boolean, "version": integer}),
 "Me": obj({"id": integer, "username": string, "display_name": string, "org": obj({"id": integer, "code": string, "name": string}), "department_id": integer, "permissions": arr(string), "roles": arr(S("RoleAssignment"))}),
 "Session": obj({"id": integer, "created_at": time, "last_seen_at": time, "expires_at": time, "ip": string, "user_agent": string, "current": boolean}),
 "PolicySetting": obj({"key": string, "rule": {"type": "string", "description": "policy rule ID, e.g. ARC-4"}, "unit": string, "value": integer, "default": integer, "min": integer, "max": integer,
   "version": integer, "description_zh": string, "description_en": string, "updated_at": {"type": ["string", "null"]}, "updated_by": idref}),
 "AuditEntry": obj({"seq": integer, "at": time, "user_id": idref, "username": string, "action": string, "object_type": string, "object_id": string, "outcome": enum("ok","denied","failed"),
   "ip": string, "user_agent": string, "detail": string, "hash": string}),
 "CalendarDay": obj({"date": {"type": "string", "format": "date"}, "kind": {**enum("holiday", "workday"), "description": "holiday: a day off; workday: a make-up working day (调休上班)"},
   "name": {"type": "string", "maxLength": 100}}),
 "Calendar": obj({"time_zone": {"type": "string", "description": "IANA name; event days are local dates in it"}, "weekend": {**arr(integer), "description": "ISO weekdays (1 Mon … 7 Sun)"},
   "version": integer, "is_default": {"type": "boolean", "description": "the shipped mainland China schedule, never changed"}, "marked_years": arr(integer),
   "days": arr(S("CalendarDay")), "updated_at": {"type": ["string", "null"]}, "updated_by": idref}),
 "Checklist": obj({"kind": enum("new_car", "after_sales"), "version": integer, "is_default": boolean, "updated_by": idref, "updated_at": {"type": ["string", "null"], "format": "date-time"},
   "items": arr(S("ChecklistItem"))}),
 "ArchiveDocument": obj({"id": integer, "archive_id": integer, "item_code": string, "filename": string, "content_type": {"type": "string", "enum": ["application/pdf", "image/jpeg", "image/png"]},
   "size_bytes": integer, "sha256": string, "uploaded_by": integer, "uploaded_at": time, "withdrawn": boolean, "withdrawn_by": idref,
   "withdrawn_at": {"type": ["string", "null"], "format": "date-time"}, "withdrawn_reason": string, "purged": boolean}),
 "RetentionCandidate": obj({"archive_id": integer, "number": string, "kind": string, "status": string, "customer_name": string, "plate": string, "vin": string,
   "event_at": time, "retention_until": {"type": "string", "format": "date"}}),
 "DestructionLine": obj({"archive_id": integer, "number": string, "kind": string, "customer_name": string, "vin": string, "event_at": time,
   "retention_until": {"type": "string", "format": "date"}, "documents": integer}),
 "Destruction": obj({"id": integer, "version": integer, "status": enum("proposed", "approved", "rejected"), "reason": string, "proposed_by": integer, "proposed_at": time,
   "decided_by": idref, "decided_at": {"type": ["string", "null"], "format": "date-time"}, "decision_reason": string, "lines": arr(S("DestructionLine"))}),
 "StorageInspection": obj({"id": integer, "inspected_on": {"type": "string", "format": "date"}, "inspector_id": integer, "location": string, "damp": boolean, "mould": boolean,
   "pests": boolean, "damaged_files": integer, "findings": string, "repairs": string, "created_at": time}),
 "Reminder": obj({"key": string, "rule": string, "subject": string, "detail": string, "link": string, "due_on": {"type": "string", "format": "date"}, "created_at": time}),
 "ArchiveIncident": obj({"id": integer, "kind": enum("lost", "damaged"), "cause": enum("late_filing", "borrowing_breach", "other"), "responsible_id": integer, "files": integer,
   "occurred_on": {"type": "string", "format": "date"}, "description": string, "recorded_by": integer, "recorded_at": time}),
 "ChecklistItem": obj({"code": string, "title_zh": string, "title_en": string, "needs_customer_signature": boolean, "needs_internal_signature": boolean, "optional": boolean}),
 "ArchiveItem": obj({"code": string, "state": enum("missing", "present", "defective"), "defect": string, "customer_signed": boolean, "internal_signed": boolean}, ["code", "state"]),
 "Handover": obj({"id": integer, "archive_id": integer, "sender_id": integer, "receiver_id": integer, "handed_at": time, "items_handed": arr(string), "items_missing": arr(string),
   "sender_signed": boolean, "receiver_signed": boolean, "notes": string, "due_at": {**time, "description": "ARC-4: the first late instant"},
   "late_working_days": {**integer, "description": "working days after the due day (0: on time)"}, "on_time": boolean, "deadline_explanation": string,
   "archive_number": string, "archive_kind": string, "department_id": integer}),
 "ArchiveSummary": obj({"id": integer, "version": integer, "number": {"type": "string", "description": "ARC-8: XC-2026-000123 (new car), SH-… (after-sales)"},
   "kind": enum("new_car", "after_sales"), "status": enum("open", "handed_over", "checked", "filed", "destroyed"), "customer_id": integer, "vehicle_id": integer, "department_id": integer,
   "responsible_id": integer, "event_at": time, "visit_ref": string, "contact_verified": boolean, "cabinet": string, "shelf": string, "bag": string,
   "confirmed_by": idref, "confirmed_at": {"type": ["string", "null"]}, "created_at": time, "updated_at": time, "customer_name": string, "plate": string, "vin": string,
   "secrecy": {**enum("normal", "confidential", "top_secret"), "description": "SEC-6: the customer's level, in lists only (classified ones are listed only for their custodian and grantees)"}}),
 "Archive": {"allOf": [S("ArchiveSummary"), {"type": "object", "properties": {"checklist": arr(S("ChecklistItem")), "items": arr(S("ArchiveItem")), "complete": boolean,
   "deadline": obj({"due_day": string, "due_at": time, "explanation": string}), "overdue": boolean, "handovers": arr(S("Handover")), "documents": arr(S("ArchiveDocument")), "incidents": arr(S("ArchiveIncident")), "department_name": string, "responsible_name": string}}]},
 "Fine": obj({"id": integer, "version": integer, "rule": {"type": "string", "description": "ARC-6a … ARC-6i"}, "person_id": integer, "person_name": string,
   "department_id": integer, "department_name": string, "archive_id": integer, "archive_number": string, "offender_kind": enum("sales", "service"),
   "day": {"type": "string", "format": "date"}, "base_fen": integer, "ordinal": {**integer, "description": "the person's nth violation of the month (ARC-6f)"},
   "multiplier": integer, "amount_fen": integer, "facts": string, "arithmetic": string, "status": enum("proposed", "confirmed", "waived", "withdrawn"),
   "decided_by": idref, "decided_at": {"type": ["string", "null"]}, "reason": string}),
 "ImportJob": obj({"id": integer, "status": enum("running","validated","invalid","committed","failed"), "dry_run": boolean, "total": integer, "processed": integer, "imported": integer,
   "errors": arr(obj({"line": integer, "field": string, "message": string})), "created_at": time, "finished_at": {"type": ["string", "null"]}}),
}
responses = {n: {**problem_resp, "description": d} for n, d in [("BadRequest", "invalid input; `field` names the first offending field, `errors` all of them"),
  ("Unauthenticated", "no valid session"), ("Forbidden", "the caller may not do this (audited)"), ("NotFound", "no such record in the caller's organisation"),
  ("Conflict", "stale version or duplicate"), ("TooLarge", "request body over the limit"), ("UnsupportedType", "a file that is not PDF, JPEG or PNG (or not what its Content-Type says)"), ("Throttled", "too many failed logins")]}
P = {}
def add(method, path, o): P.setdefault(path, {})[method] = o
add("get", "/healthz", op("Liveness", "system", "public", {"200": {"description": "alive"}}, security=False))
add("get", "/readyz", op("Readiness: the database answers", "system", "public", {"200": {"description": "ready"}, "503": {"description": "not ready"}}, security=False))
add("get", "/api/openapi.json", op("This document", "system", "public", {"200": {"description": "OpenAPI 3.1"}}, security=False))
add("post", "/api/v1/auth/login", op("Log in; sets the patron_session (HttpOnly, SameSite=Strict) and patron_csrf cookies", "auth", "public",
  resp(obj({"token": string, "expires_at": time, "csrf_token": string, "user": S("Me")})), obj({"org": string, "username": string, "password": string}, ["org", "username", "password"]), security=False))
add("post", "/api/v1/auth/logout", op("End the current session", "auth", "authenticated", resp(None, "204", "ended")))
add("get", "/api/v1/auth/me", op("The caller, permissions and roles", "auth", "authenticated", resp(S("Me"))))
add("get", "/api/v1/auth/sessions", op("The caller's open sessions", "auth", "authenticated", resp(arr(S("Session")))))
add("delete", "/api/v1/auth/sessions/{id}", op("End one of the caller's sessions", "auth", "authenticated", resp(None, "204", "ended"), params=[path_param("id")]))
add("get", "/api/v1/departments", op("The department tree (flat list)", "organisation", "org.read", resp(arr(S("Department"))), rules=["ORG-1"]))
add("post", "/api/v1/departments", op("Create a department", "organisation", "org.manage", resp(S("Department"), "201", "created"), S("DepartmentInput"), rules=["ORG-1", "ORG-3"]))
add("patch", "/api/v1/departments/{id}", op("Rename or move a department (no cycles)", "organisation", "org.manage", resp(S("Department")), S("DepartmentInput"), [path_param("id")], ["ORG-1"]))
add("get", "/api/v1/users", op("Users with their role assignments", "organisation", "org.read", resp(arr(S("User")))))
add("post", "/api/v1/users", op("Create a user (password 12+ characters, argon2id)", "organisation", "org.manage", resp(S("User"), "201", "created"), S("UserInput")))
add("get", "/api/v1/users/{id}", op("One user", "organisation", "org.read", resp(S("User")), params=[path_param("id")]))
add("patch", "/api/v1/users/{id}", op("Update a user; disabling ends their sessions", "organisation", "org.manage", resp(S("User")), S("UserPatch"), [path_param("id")]))
add("post", "/api/v1/users/{id}/password", op("Set a password (own: with current_password); ends the user's other sessions", "organisation", "authenticated (own) or org.manage",
  resp(None, "204", "changed"), obj({"password": string, "current_password": string}, ["password"]), [path_param("id")]))
add("post", "/api/v1/users/{id}/roles", op("Assign a role in a department (ORG-3: only within departments the caller manages)", "organisation", "org.manage",
  resp(S("RoleAssignment"), "201", "assigned"), obj({"role": string, "department_id": integer}, ["role", "department_id"]), [path_param("id")], ["ORG-2", "ORG-3"]))
add("delete", "/api/v1/users/{id}/roles/{assignment_id}", op("Remove a role assignment", "organisation", "org.manage", resp(None, "204", "removed"), params=[path_param("id"), path_param("assignment_id")]))
add("get", "/api/v1/roles", op("The ORG-2 roles and their permissions", "organisation", "org.read", resp(arr(S("Role"))), rules=["ORG-2"]))
add("put", "/api/v1/roles/{code}", op("Set a role's permissions", "organisation", "org.manage (at the root department)", resp(S("Role")),
  obj({"permissions": arr(string), "version": integer}, ["permissions", "version"]), [path_param("code", string)], ["ORG-2"]))
add("get", "/api/v1/customers", op("Search and list the customers the caller may see", "customers", "customer.read", resp(S("CustomerPage")), params=list_params, rules=["ORG-3", "CLS-9"]))
add("post", "/api/v1/customers", op("Create a customer", "customers", "customer.create", resp(S("Customer"), "201", "created"), S("CustomerInput"), rules=["ARC-9", "CLS-1", "CLS-2", "CLS-10"]))
add("get", "/api/v1/customers/{id}", op("One customer (audited read; personal data masked without customer.personal_data)", "customers", "customer.read", resp(S("Customer")), params=[path_param("id")], rules=["SEC-1"]))
add("patch", "/api/v1/customers/{id}", op("Update a customer with optimistic concurrency; every field change goes to the history", "customers", "customer.update", resp(S("Customer")), S("CustomerPatch"), [path_param("id")], ["ARC-9"]))
add("get", "/api/v1/customers/{id}/vehicles", op("The customer's vehicles", "customers", "customer.read", resp(arr(S("Vehicle"))), params=[path_param("id")], rules=["ARC-1"]))
add("post", "/api/v1/customers/{id}/vehicles", op("Add a vehicle (VIN unique in the organisation)", "customers", "customer.update", resp(S("Vehicle"), "201", "created"), S("VehicleInput"), [path_param("id")], ["ARC-1"]))
add("patch", "/api/v1/customers/{id}/vehicles/{vehicle_id}", op("Update a vehicle", "customers", "customer.update", resp(S("Vehicle")), S("VehicleInput"), [path_param("id"), path_param("vehicle_id")]))
add("get", "/api/v1/customers/{id}/interactions", op("The interaction timeline", "customers", "customer.read", resp(arr(S("Interaction"))), params=[path_param("id")], rules=["ARC-13"]))
add("post", "/api/v1/customers/{id}/interactions", op("Record a call, letter, fax, visit, e-mail, meeting or note", "customers", "interaction.create", resp(S("Interaction"), "201", "created"), S("InteractionInput"), [path_param("id")], ["ARC-13"]))
add("get", "/api/v1/customers/{id}/personal-data", op("PIPL: the data subject's copy of everything held about the customer (unmasked profile, vehicles, interactions, change history, archive index) with a watermark (who exported it, when); audited as customer.subject_export",
  "customers", "customer.personal_data in the customer's department", resp(obj({"watermark": string, "exported_at": time, "customer": S("Customer"), "interactions": arr(S("Interaction")),
  "history": arr(S("HistoryEntry")), "archives": arr(obj({"id": integer, "number": string, "kind": string, "status": string, "plate": string, "vin": string, "created_at": time}))})),
  params=[path_param("id")], rules=["SEC-1"]))
add("post", "/api/v1/customers/{id}/anonymise", op("PIPL: anonymise a customer at the end of retention, once every archive of theirs is destroyed (ARC-12; else 422 naming the archive): name, ID number, phones, contacts, address, notes, website (and an individual's company) go, plates go, earlier values in the history and interaction texts are replaced; department, category, grade, VINs, models and dates stay for the statistics; irreversible",
  "customers", "customer.erase (customer information supervisor)", resp(S("Customer")), obj({"reason": string, "version": integer}, ["reason", "version"]),
  [path_param("id")], rules=["ARC-12"]))
add("get", "/api/v1/customers/{id}/history", op("Every field change: who, when, old and new value", "customers", "customer.read", resp(arr(S("HistoryEntry"))), params=[path_param("id")], rules=["ARC-9"]))
add("get", "/api/v1/exports/customers", op("The visible list as CSV (same filters as the list; audited)", "customers", "customer.export", resp(string, ctype="text/csv"), params=list_params))
add("post", "/api/v1/imports/customers", op("Start a CSV import (UTF-8 or GB18030); dry_run=true (default) only validates; a commit is all-or-nothing", "imports", "customer.import",
  resp(S("ImportJob"), "202", "started"), string, [q("dry_run", enum("true", "false"))], ctype="text/csv"))
add("get", "/api/v1/imports/{id}", op("Progress and result of an import, with every bad row (line, field, reason)", "imports", "customer.import", resp(S("ImportJob")), params=[path_param("id")]))
add("get", "/api/v1/policy", op("Policy settings with their defaults and rule IDs", "policy", "policy.read", resp(arr(S("PolicySetting")))))
add("put", "/api/v1/policy/{key}", op("Change a policy setting (versioned, audited)", "policy", "policy.manage", resp(S("PolicySetting")),
  obj({"value": integer, "version": integer, "reason": string}, ["value", "version"]), [path_param("key", string)]))
add("get", "/api/v1/policy/{key}/history", op("Earlier values of a setting", "policy", "policy.read",
  resp(arr(obj({"version": integer, "value": integer, "updated_by": integer, "updated_at": time, "reason": string}))), params=[path_param("key", string)]))
add("get", "/api/v1/audit", op("Search the audit log (newest first; page with `before`)", "audit", "audit.read", resp(arr(S("AuditEntry"))),
  params=[q("user_id", integer), q("object_type"), q("object_id"), q("action"), q("from", time), q("to", time), q("before", integer), q("limit", {"type": "integer", "minimum": 1, "maximum": 500})], rules=["SEC-1"]))
add("get", "/api/v1/audit/export", op("The entries the filters select as CSV (newest first, at most 20,000; `limit` is ignored): the first line is the watermark (who exported, when); the export is audited",
  "audit", "audit.read", resp(string, ctype="text/csv"), params=[q("user_id", integer), q("object_type"), q("object_id"), q("action"), q("from", time), q("to", time), q("before", integer)],
  rules=["SEC-1", "SEC-7"]))
date = {"type": "string", "format": "date"}
add("get", "/api/v1/calendar", op("The working-day calendar: settings and the marks between from and to (default: this year and the next)", "calendar", "any user",
  resp(S("Calendar")), params=[q("from", date), q("to", date)], rules=["ARC-4", "ARC-6", "ARC-10"]))
add("put", "/api/v1/calendar/settings", op("Change the time zone and weekend days (versioned, audited)", "calendar", "policy.manage", resp(S("Calendar")),
  obj({"time_zone": string, "weekend": arr(integer), "version": integer}, ["time_zone", "weekend", "version"])))
add("put", "/api/v1/calendar/days/{date}", op("Mark a day as a holiday or a make-up working day (audited)", "calendar", "policy.manage", resp(S("CalendarDay")),
  obj({"kind": enum("holiday", "workday"), "name": string}, ["kind"]), [path_param("date", date)]))
add("delete", "/api/v1/calendar/days/{date}", op("Remove a day's mark (the weekday pattern applies again)", "calendar", "policy.manage", resp(None, "204", "removed"),
  params=[path_param("date", date)]))
add("post", "/api/v1/calendar/import", op("Import marks from CSV (date,kind,name) or iCalendar; all or nothing; replace=true first removes the marks of the years the file covers",
  "calendar", "policy.manage", resp(obj({"imported": integer, "years_replaced": arr(integer), "version": integer})), string, [q("replace", enum("true", "false"))], ctype="text/csv"))
P["/api/v1/calendar/import"]["post"]["requestBody"]["content"]["text/calendar"] = {"schema": string}
add("get", "/api/v1/calendar/export", op("Export the marks as CSV or iCalendar", "calendar", "any user",
  {"200": {"description": "the file", "content": {"text/csv": {"schema": string}, "text/calendar": {"schema": string}}}, **ERR},
  params=[q("format", enum("csv", "ics")), q("year", integer)]))
add("get", "/api/v1/calendar/deadline", op("When is \"within N working days / days / hours of\" an event due? With the arithmetic spelled out", "calendar", "any user",
  resp(obj({"event_day": date, "due_day": date, "due_at": {**time, "description": "the first late instant"}, "explanation": string})),
  params=[{**q("from", time), "required": True}, {**q("amount", integer), "required": True}, q("unit", enum("working_days", "days", "hours"))], rules=["ARC-4", "ARC-10"]))
version_body = obj({"version": integer}, ["version"])
add("get", "/api/v1/archives", op("ARC-8: find archives by number, customer name, phone, plate or VIN (scoped to the caller's departments; audited)", "archives", "archive.read",
  resp(obj({"items": arr(S("ArchiveSummary"))})), params=[q("q"), q("kind", enum("new_car", "after_sales")), q("status", enum("open", "handed_over", "checked", "filed")), q("page", integer), q("page_size", integer)], rules=["ARC-8", "SEC-1"]))
add("post", "/api/v1/archives", op("ARC-1: open the archive of a vehicle (one new-car archive per vehicle; after-sales archives per visit)", "archives", "archive.create", resp(S("Archive"), "201", "created"),
  obj({"kind": enum("new_car", "after_sales"), "vehicle_id": integer, "department_id": integer, "responsible_id": integer, "event_at": {**time, "description": "the sale or the delivery after service"},
       "visit_ref": string, "contact_verified": boolean}, ["vehicle_id", "department_id"]), rules=["ARC-1", "ARC-2", "ARC-3"]))
add("get", "/api/v1/archives/{id}", op("An archive with its checklist status, handover deadline and handovers (audited read)", "archives", "archive.read", resp(S("Archive")), params=[path_param("id")], rules=["ARC-4", "SEC-1"]))
add("post", "/api/v1/archives/{id}/handovers", op("ARC-5: register the handover to the archive keeper; lateness against the ARC-4 deadline is computed", "archives", "archive.create",
  resp(S("Archive"), "201", "registered"), obj({"receiver_id": integer, "handed_at": time, "items_handed": arr(string), "items_missing": arr(string), "sender_signed": boolean,
  "receiver_signed": boolean, "notes": string}, ["receiver_id", "items_handed"]), [path_param("id")], rules=["ARC-4", "ARC-5"]))
add("put", "/api/v1/archives/{id}/check", op("ARC-4: the keeper's check of every checklist item", "archives", "archive.manage", resp(S("Archive")),
  obj({"items": arr(S("ArchiveItem")), "version": integer}, ["items", "version"]), [path_param("id")], rules=["ARC-2", "ARC-3", "ARC-4"]))
add("post", "/api/v1/archives/{id}/file", op("ARC-1/ARC-4: filed: copied, scanned, original shelved at the paper location", "archives", "archive.manage", resp(S("Archive")),
  obj({"cabinet": string, "shelf": string, "bag": string, "version": integer}, ["cabinet", "shelf", "version"]), [path_param("id")], rules=["ARC-1", "ARC-4"]))
add("post", "/api/v1/archives/{id}/incidents", op("ARC-6g: the keeper records files lost or damaged; late filing or a borrowing breach proposes the extra fine per file to the responsible person",
  "archives", "archive.manage", resp(S("Archive"), "201", "recorded"), obj({"kind": enum("lost", "damaged"), "cause": enum("late_filing", "borrowing_breach", "other"),
  "responsible_id": integer, "files": {"type": "integer", "minimum": 1, "maximum": 100}, "occurred_on": {"type": "string", "format": "date"}, "description": string},
  ["kind", "cause", "responsible_id", "occurred_on", "description"]), [path_param("id")], rules=["ARC-6g"]))
add("post", "/api/v1/archives/{id}/confirm", op("ARC-14: the sales director confirms a filed new-car archive", "archives", "archive.confirm", resp(S("Archive")), version_body, [path_param("id")], rules=["ARC-14"]))
add("get", "/api/v1/handovers", op("ARC-5: the handover sign-off book between two times", "archives", "archive.read", resp(obj({"items": arr(S("Handover"))})),
  params=[{**q("from", time), "required": True}, {**q("to", time), "required": True}], rules=["ARC-5"]))
add("get", "/api/v1/archive-checklists", op("ARC-2/ARC-3: the organisation's checklist templates of both kinds (version 0: the shipped default)", "archives", "any user",
  resp(obj({"items": arr(S("Checklist"))})), rules=["ARC-2", "ARC-3"]))
add("put", "/api/v1/archive-checklists/{kind}", op("ARC-3: replace a kind's checklist (1-50 items; codes a-z 0-9 _ unique; both titles). Archives are judged by it from then on", "archives", "policy.manage",
  resp(S("Checklist")), obj({"items": arr(S("ChecklistItem")), "version": {"type": "integer", "description": "0 while the default applies"}}, ["items", "version"]),
  [path_param("kind", enum("new_car", "after_sales"))], rules=["ARC-3"]))
scan_types = ["application/pdf", "image/jpeg", "image/png"]
add("post", "/api/v1/archives/{id}/documents", {**op("ARC-1: upload a scan (the file itself is the body: PDF, JPEG or PNG, checked by content; at most archive.max_document_mib). Stored content-addressed by SHA-256, durable before the record is written",
  "archives", "archive.create or archive.manage in the archive's department", {**resp(S("ArchiveDocument"), "201", "stored"), "415": {"$ref": "#/components/responses/UnsupportedType"}},
  params=[path_param("id"), {**q("item", string, "checklist item code"), "required": True}, q("filename", string, "default scan.pdf / .jpg / .png")], rules=["ARC-1"]),
  "requestBody": {"required": True, "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in scan_types}}})
add("get", "/api/v1/archives/{id}/documents", op("ARC-1: the archive's scans, withdrawn ones included", "archives", "archive.read", resp(obj({"items": arr(S("ArchiveDocument"))})), params=[path_param("id")], rules=["ARC-1"]))
add("get", "/api/v1/archives/{id}/documents/{doc}/content", op("ARC-1: the scan's bytes (audited read; 500 if the stored bytes no longer match their SHA-256)", "archives", "archive.read",
  {"200": {"description": "the file", "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in scan_types}}, **ERR}, params=[path_param("id"), path_param("doc")], rules=["ARC-1", "SEC-1"]))
add("post", "/api/v1/archives/{id}/documents/{doc}/withdraw", op("ARC-1: the keeper withdraws a wrong scan with a reason; it stays listed", "archives", "archive.manage",
  resp(S("ArchiveDocument")), obj({"reason": string}, ["reason"]), [path_param("id"), path_param("doc")], rules=["ARC-1"]))
date_s = {"type": "string", "format": "date"}
add("get", "/api/v1/customer-filings/late-changes", op("ARC-10: changes reported on the maintenance form after their deadline (customer.filing_deadline_working_days after changed_on), reported in the month",
  "customers", "customer.read (scope)", resp(obj({"items": arr(obj({"customer_id": integer, "customer_name": string, "department_id": integer, "version": integer, "fields": string,
  "changed_on": date_s, "due_day": date_s, "reported_at": time, "reported_by": integer}))})), params=[{**q("month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}), "required": True}], rules=["ARC-10"]))
add("get", "/api/v1/customer-filings/overdue", op("ARC-10: new customers whose basic information form (name, phone, address; a company's contact) was not complete by the filing deadline (customer.filing_deadline_working_days after met_on)",
  "customers", "customer.read (scope)", resp(obj({"items": arr(obj({"customer_id": integer, "customer_name": string, "department_id": integer, "department_name": string,
  "met_on": date_s, "due_day": date_s, "missing": arr(string)}))})), params=[q("limit", integer, "1-500 (default 200)")], rules=["ARC-10"]))
add("get", "/api/v1/archive-destructions/candidates", op("ARC-12: the destruction list: archives past their retention (archive.retention_years_*), not destroyed, not proposed; oldest first",
  "custody", "archive.manage or archive.destroy", resp(obj({"items": arr(S("RetentionCandidate"))})), params=[q("limit", integer, "per archive kind, 1-1000 (default 200)")], rules=["ARC-12"]))
add("post", "/api/v1/archive-destructions", op("ARC-12: the keeper proposes to destroy archives past retention (reason required); nothing is destroyed before approval",
  "custody", "archive.manage in each archive's department", resp(S("Destruction"), "201", "proposed"), obj({"archive_ids": arr(integer), "reason": string}, ["archive_ids", "reason"]), rules=["ARC-12"]))
add("get", "/api/v1/archive-destructions", op("ARC-12: destruction records, newest first (permanent: proposed, approved and rejected)", "custody", "archive.manage or archive.destroy",
  resp(obj({"items": arr(S("Destruction"))})), rules=["ARC-12"]))
add("get", "/api/v1/archive-destructions/{id}", op("ARC-12: one destruction record with its lines (what was destroyed)", "custody", "archive.manage or archive.destroy",
  resp(S("Destruction")), params=[path_param("id")], rules=["ARC-12"]))
add("post", "/api/v1/archive-destructions/{id}/decision", op("ARC-12: approve (the archives' content and scans are purged, the record stays) or reject (reason required); never by the proposer",
  "custody", "archive.destroy", resp(S("Destruction")), obj({"decision": enum("approve", "reject"), "reason": string, "version": integer}, ["decision", "version"]), [path_param("id")], rules=["ARC-12", "SEC-12"]))
add("get", "/api/v1/archive-inspections", op("ARC-11: storage inspections, the last one and when the next is due", "custody", "archive.manage or archive.destroy",
  resp(obj({"items": arr(S("StorageInspection")), "last": {"type": ["string", "null"], "format": "date"}, "next_due": date_s, "overdue": boolean})), rules=["ARC-11"]))
add("post", "/api/v1/archive-inspections", op("ARC-11: record an inspection of the archive storage (a finding needs its description)", "custody", "archive.manage",
  resp(S("StorageInspection"), "201", "recorded"), obj({"inspected_on": date_s, "location": string, "damp": boolean, "mould": boolean, "pests": boolean, "damaged_files": integer,
  "findings": string, "repairs": string}, ["inspected_on", "location"]), rules=["ARC-11"]))
add("get", "/api/v1/reminders", op("Open reminders raised by the daily job (ARC-11 inspection due, ARC-12 destruction list) that the caller's permissions cover", "custody", "any user",
  resp(obj({"items": arr(S("Reminder"))})), rules=["ARC-11", "ARC-12"]))
month_q = {**q("month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}), "required": True}
add("post", "/api/v1/penalties/runs", op("ARC-6: compute the month's fines from the recorded facts (idempotent; decided fines stand; proposals whose facts vanished are withdrawn)",
  "penalties", "penalty.decide or policy.manage", resp(obj({"month": string, "proposed": integer, "unchanged": integer, "withdrawn": integer, "total_fen": integer})),
  obj({"month": string}, ["month"]), rules=["ARC-6"]))
add("get", "/api/v1/penalties", op("The month's fines with facts and arithmetic: one's own, or those of the departments penalty.read covers", "penalties", "own or penalty.read",
  resp(obj({"items": arr(S("Fine"))})), params=[month_q], rules=["ARC-6"]))
add("post", "/api/v1/penalties/{id}/decision", op("The customer director confirms or waives a proposed fine (a reason is required to waive); nothing is deleted", "penalties", "penalty.decide",
  resp(S("Fine")), obj({"decision": enum("confirm", "waive"), "reason": string, "version": integer}, ["decision", "version"]), [path_param("id")], rules=["ARC-6"]))
add("get", "/api/v1/penalties/statement", op("Monthly statement per person and per department; pay_deduction flags ARC-6f months", "penalties", "own or penalty.read",
  resp(obj({"month": string, "persons": arr(obj({"person_id": integer, "person_name": string, "department_id": integer, "department_name": string, "violations": integer,
  "proposed_fen": integer, "confirmed_fen": integer, "pay_deduction": boolean})), "departments": arr(obj({"department_id": integer, "department_name": string, "violations": integer,
  "proposed_fen": integer, "confirmed_fen": integer}))})), params=[month_q], rules=["ARC-6", "ARC-6f"]))
add("get", "/api/v1/kpi/archives", op("ARC-6h: per department, the month's on-time handover rate (archives due that month) and completeness rate (archives first checked that month); rates are percent or null",
  "penalties", "penalty.read", resp(obj({"month": string, "departments": arr(obj({"department_id": integer, "department_name": string, "due": integer, "on_time": integer,
  "on_time_rate": {"type": ["number", "null"]}, "checked": integer, "complete_first_time": integer, "completeness_rate": {"type": ["number", "null"]}}))})),
  params=[month_q], rules=["ARC-6h"]))
# SEC-2 … SEC-6, SEC-12: access requests, grants, approval chains.
actions_s = arr(enum("read", "copy", "lend", "disclose"))
schemas["ApprovalStep"] = obj({"name": string, "roles": arr(string), "scope": enum("record_department", "requester_department", "organisation")}, ["name", "roles", "scope"])
schemas["AccessRequest"] = obj({"id": integer, "version": integer, "status": enum("pending", "approved", "rejected", "withdrawn"), "requester_id": integer, "requester_name": string,
  "requester_department_id": integer, "object_type": enum("customer", "archive"), "object_id": integer,
  "object_label": {"type": "string", "description": "archive number or customer name; empty when the caller may not see the record"},
  "object_department_id": integer, "object_secrecy": enum("normal", "confidential", "top_secret"), "actions": actions_s, "purpose": string, "reason": string, "days": integer, "visitor_id": {"type": ["integer", "null"], "description": "SEC-3: the non-employee it is for"}, "visitor_label": string,
  "steps": arr(S("ApprovalStep")), "decisions": arr(obj({"step": integer, "approver_id": integer, "approver_name": string, "decision": enum("approve", "reject"), "comment": string, "at": time})),
  "current_step": integer, "may_decide": {"type": "boolean", "description": "the caller may decide the current step"}, "created_at": time, "decided_at": {"type": ["string", "null"], "format": "date-time"}})
schemas["AccessGrant"] = obj({"id": integer, "grantee_id": integer, "grantee_name": string, "object_type": enum("customer", "archive"), "object_id": integer,
  "object_label": {"type": "string", "description": "archive number or customer name; empty when the caller may not read the record"}, "actions": actions_s,
  "valid_from": time, "valid_until": {**time, "description": "exclusive"}, "kind": enum("request", "authorisation"), "request_id": idref, "granted_by": integer, "granted_by_name": string,
  "reason": string, "status": enum("active", "expired", "revoked", "future"), "revoked_at": {"type": ["string", "null"], "format": "date-time"}, "revoked_by": idref, "revoked_by_name": string, "revoke_reason": string, "created_at": time})
chain_kinds = enum("own_department", "other_department", "classified", "lending", "copying", "disclosure", "report_change", "report_review", "report_distribution")
schemas["ApprovalChain"] = obj({"kind": chain_kinds, "steps": arr(S("ApprovalStep")),
  "version": {"type": "integer", "description": "0: the default of SEC-3/SEC-4/SEC-5, never changed"}})
access_rules = ["SEC-2", "SEC-3", "SEC-4", "SEC-6"]
add("post", "/api/v1/access-requests", op("SEC-2: ask for access to a customer or an archive the caller's roles do not open (another department's, or a classified one); the chain is the organisation's: own department -> its manager, another -> the general manager, classified -> plus the customer service manager; a request to lend (borrow the paper file, SEC-5) goes to the requester's department manager, then the information management specialist; to copy (SEC-7) to the general manager or the customer information supervisor; to disclose to an outside party (SEC-8) to the customer information supervisor, then the customer service manager",
  "access", "any user", resp(S("AccessRequest"), "201", "requested"), obj({"object_type": enum("customer", "archive"), "object_id": integer, "actions": actions_s, "purpose": string,
  "reason": string, "days": {"type": "integer", "minimum": 1, "maximum": 90, "description": "how long the grant lasts (default 3)"},
  "visitor_id": {"type": "integer", "description": "SEC-3: filed for this registered non-employee, whom the caller hosts (their registration in force)"}},
  ["object_type", "object_id", "actions", "purpose", "reason"]), rules=access_rules))
add("get", "/api/v1/access-requests", op("The caller's requests (box=mine, default) or the pending requests whose current step the caller may decide (box=inbox), newest first",
  "access", "any user", resp(obj({"items": arr(S("AccessRequest"))})), params=[q("box", enum("mine", "inbox"))], rules=access_rules))
add("get", "/api/v1/access-requests/{id}", op("One request: for its requester, its approvers, whoever may decide its current step, and auditors (404 for others)",
  "access", "involved or audit.read", resp(S("AccessRequest")), params=[path_param("id")], rules=access_rules))
add("post", "/api/v1/access-requests/{id}/decision", op("Approve or reject the current step (a rejection says why); never the requester, never two steps by one person; the last approval grants access for the request's days",
  "access", "a role of the current step where it says", resp(S("AccessRequest")), obj({"decision": enum("approve", "reject"), "comment": string, "version": integer}, ["decision", "version"]),
  [path_param("id")], rules=access_rules))
add("post", "/api/v1/access-requests/{id}/withdraw", op("The requester withdraws a pending request", "access", "the requester", resp(S("AccessRequest")),
  obj({"version": integer}, ["version"]), [path_param("id")], rules=["SEC-2"]))
add("get", "/api/v1/access-grants", op("The caller's grants (scope=mine, default) or everyone's (scope=all: access.authorise or audit.read), newest first", "access", "any user",
  resp(obj({"items": arr(S("AccessGrant"))})), params=[q("scope", enum("mine", "all"))], rules=["SEC-4", "SEC-12"]))
add("post", "/api/v1/access-grants", op("SEC-12: the general manager authorises access to one record directly (never to themself)", "access", "access.authorise",
  resp(S("AccessGrant"), "201", "granted"), obj({"grantee_id": integer, "object_type": enum("customer", "archive"), "object_id": integer, "actions": actions_s,
  "days": {"type": "integer", "minimum": 1, "maximum": 90}, "reason": string}, ["grantee_id", "object_type", "object_id", "actions", "reason"]), rules=["SEC-12"]))
add("post", "/api/v1/access-grants/{id}/revoke", op("End a grant at once (its granter, its grantee, or a holder of access.authorise); it stays on record", "access", "granter, grantee or access.authorise",
  resp(S("AccessGrant")), obj({"reason": string}, ["reason"]), [path_param("id")], rules=["SEC-4", "SEC-12"]))
add("get", "/api/v1/approval-chains", op("The organisation's nine approval chains (the defaults until changed)", "access", "any user",
  resp(obj({"items": arr(S("ApprovalChain"))})), rules=access_rules))
add("put", "/api/v1/approval-chains/{kind}", op("The administrator replaces a chain (steps name roles and where the approver must hold them); version 0 replaces the default; a stale version gets 409",
  "access", "org.manage", resp(S("ApprovalChain")), obj({"steps": arr(S("ApprovalStep")), "version": integer}, ["steps", "version"]),
  [path_param("kind", chain_kinds)], rules=["SEC-2", "SEC-3", "SEC-5", "SEC-7", "SEC-8", "SEC-11"]))
# SEC-10: breach incidents.
schemas["RemedialAction"] = obj({"id": integer, "description": string, "owner_id": integer, "due_on": {"type": "string", "format": "date"},
  "done_at": {"type": ["string", "null"], "format": "date-time"}, "result": string, "created_at": time})
schemas["BreachIncident"] = obj({"id": integer, "version": integer, "severity": enum("possible", "confirmed"), "title": string, "description": string, "records": string,
  "occurred_on": {"type": "string", "format": "date"}, "reported_by": integer, "reported_at": time, "status": enum("open", "closed"), "summary": string,
  "closed_by": idref, "closed_at": {"type": ["string", "null"], "format": "date-time"}, "actions": arr(S("RemedialAction"))})
add("post", "/api/v1/breach-incidents", op("SEC-10: report a known or possible leak; the customer information supervisor and the customer service manager (incident.manage) get a reminder at once",
  "incidents", "any user", resp(S("BreachIncident"), "201", "reported"), obj({"severity": enum("possible", "confirmed"), "title": string, "description": string, "records": string,
  "occurred_on": {"type": "string", "format": "date", "description": "default today; not in the future"}}, ["title", "description"]), rules=["SEC-10"]))
add("get", "/api/v1/breach-incidents", op("Incidents, newest first: all for incident.manage, else the caller's reports", "incidents", "any user",
  resp(obj({"items": arr(S("BreachIncident"))})), rules=["SEC-10"]))
add("get", "/api/v1/breach-incidents/{id}", op("One incident with its actions (incident.manage, the reporter, an action's owner)", "incidents", "involved or incident.manage",
  resp(S("BreachIncident")), params=[path_param("id")], rules=["SEC-10"]))
add("post", "/api/v1/breach-incidents/{id}/actions", op("Record a remedial action with its owner (and due day, default today)", "incidents", "incident.manage",
  resp(S("BreachIncident"), "201", "recorded"), obj({"description": string, "owner_id": integer, "due_on": {"type": "string", "format": "date"}}, ["description", "owner_id"]),
  [path_param("id")], rules=["SEC-10"]))
add("post", "/api/v1/breach-incidents/{id}/actions/{action_id}/done", op("The action's owner (or incident.manage) marks it done with its result", "incidents", "owner or incident.manage",
  resp(S("BreachIncident")), obj({"result": string}, ["result"]), [path_param("id"), path_param("action_id")], rules=["SEC-10"]))
add("post", "/api/v1/breach-incidents/{id}/close", op("Close the incident with a summary once every action is done (the reminder ends)", "incidents", "incident.manage",
  resp(S("BreachIncident")), obj({"summary": string, "version": integer}, ["summary", "version"]), [path_param("id")], rules=["SEC-10"]))
# SEC-3: non-employees.
schemas["Visitor"] = obj({"id": integer, "version": integer, "name": string, "organisation": string, "document_kind": enum("introduction_letter", "work_id"),
  "document_number": {"type": "string", "description": "whole for the host and customer.personal_data, else masked"}, "purpose": string,
  "host_id": integer, "host_name": string, "valid_until": {"type": "string", "format": "date", "description": "the last day the registration counts"},
  "registered_at": time, "revoked_at": {"type": ["string", "null"], "format": "date-time"}, "status": enum("active", "expired", "revoked")})
add("get", "/api/v1/visitors", op("SEC-3: registered non-employees, newest first: the caller's (their host's), or all for access.authorise and audit.read", "access", "any user",
  resp(obj({"items": arr(S("Visitor"))})), rules=["SEC-3"]))
add("post", "/api/v1/visitors", op("SEC-3: register a non-employee the caller hosts, with their introduction letter or work ID, before any access on their behalf (at most 90 days)", "access", "any user",
  resp(S("Visitor"), "201", "registered"), obj({"name": string, "organisation": string, "document_kind": enum("introduction_letter", "work_id"), "document_number": string,
  "purpose": string, "valid_until": {"type": "string", "format": "date"}}, ["name", "organisation", "document_kind", "document_number", "purpose", "valid_until"]), rules=["SEC-3"]))
add("post", "/api/v1/visitors/{id}/revoke", op("SEC-3: end a registration early (its host or access.authorise)", "access", "host or access.authorise",
  resp(S("Visitor")), obj({"version": integer}, ["version"]), [path_param("id")], rules=["SEC-3"]))
# SEC-5: the lending register.
date = {"type": "string", "format": "date"}
schemas["Loan"] = obj({"id": integer, "version": integer, "archive_id": integer, "archive_number": string, "department_id": integer, "department_name": string,
  "borrower_id": integer, "borrower_name": string, "grant_id": {"type": "integer", "description": "the approved borrowing (access grant for lend) the loan relies on"},
  "title": string, "copies": integer, "reason": string, "borrower_signed": boolean, "lent_by": integer, "lent_by_name": string, "lent_at": time,
  "due_on": {**date, "description": "back by the end of this day: the lending day + lending.max_days (default 3)"},
  "returned_at": {"type": ["string", "null"], "format": "date-time"}, "received_by": idref, "received_by_name": string,
  "condition": {"type": "string", "enum": ["", "intact", "damaged", "lost"]}, "return_note": string,
  "incident_id": {"type": ["integer", "null"], "description": "ARC-6g incident of a damaged or lost loan"},
  "status": enum("out", "overdue", "returned", "lost")})
add("get", "/api/v1/archive-loans", op("The lending register: loans still out first (by due day), then the rest newest first. Keepers see their departments' loans, auditors all, others their own",
  "lending", "any user (rows by archive.manage, audit.read or borrower)", resp(obj({"items": arr(S("Loan"))})),
  params=[q("status", enum("all", "out", "overdue", "returned"), "out includes overdue; returned includes lost"), q("mine", boolean, "only the caller's loans"), q("archive_id", integer)], rules=["SEC-5"]))
add("post", "/api/v1/archive-loans", op("The keeper lends a paper file to a borrower holding an approved borrowing (access grant for lend, SEC-2 lending chain), with the borrower's signature; one loan per file at a time",
  "lending", "archive.manage in the archive's department", resp(S("Loan"), "201", "lent"), obj({"archive_id": integer, "borrower_id": integer, "title": string,
  "copies": {"type": "integer", "minimum": 1, "maximum": 99, "description": "default 1"}, "reason": string, "borrower_signed": {**boolean, "description": "must be true: the borrower signed the paper register"}},
  ["archive_id", "borrower_id", "title", "reason", "borrower_signed"]), rules=["SEC-5"]))
add("get", "/api/v1/archive-loans/{id}", op("One loan (its borrower, the keepers of its department, auditors; 404 for others)", "lending", "involved, archive.manage or audit.read",
  resp(S("Loan")), params=[path_param("id")], rules=["SEC-5"]))
add("post", "/api/v1/archive-loans/{id}/return", op("The keeper enters the return (注销): intact, damaged or lost (a note says what happened); damaged or lost records an ARC-6g incident of the borrower and proposes its fine",
  "lending", "archive.manage in the archive's department", resp(S("Loan")), obj({"condition": enum("intact", "damaged", "lost"), "note": string,
  "files": {"type": "integer", "description": "damaged or lost files (default: the loan's copies)"}, "version": integer}, ["condition", "version"]),
  [path_param("id")], rules=["SEC-5", "ARC-6g"]))
# SEC-11: customer statistics reports and their distribution.
report_items = enum("customers_by_category", "customers_by_type", "customers_by_kind", "customers_by_grade", "customers_by_department", "new_customers_by_month", "vehicles_by_brand")
schemas["ReportFigure"] = obj({"item": report_items, "key": {"type": "string", "description": "the group: a code (category, type, kind, grade; \"\" not graded), a month YYYY-MM, a department's name or a brand"},
  "count": integer})
report_decisions = arr(obj({"step": integer, "approver_id": integer, "approver_name": string, "decision": enum("approve", "reject"), "comment": string, "at": time}))
schemas["ReportRequest"] = obj({"id": integer, "version": integer, "kind": enum("change", "distribution"), "status": enum("pending", "approved", "rejected", "withdrawn"), "report_id": integer,
  "title": string, "report_department_id": integer, "report_department_name": string, "requester_id": integer, "requester_name": string,
  "items": {**arr(report_items), "description": "change: the proposed items; distribution: the snapshot's"}, "previous_items": {**arr(report_items), "description": "change only"},
  "note": string, "steps": arr(S("ApprovalStep")), "decisions": report_decisions, "current_step": integer, "may_decide": boolean, "created_at": time,
  "decided_at": {"type": ["string", "null"], "format": "date-time"}, "recipient_department_id": integer, "recipient_department_name": string,
  "computed_at": time, "figures": {**arr(S("ReportFigure")), "description": "distribution only: the snapshot computed when asked; what is approved is what is sent"},
  "received": {"type": "boolean", "description": "an approved distribution sent to a department where the caller holds report.read"}})
schemas["CustomerReport"] = obj({"id": integer, "version": integer, "title": string, "department_id": integer, "department_name": string, "items": arr(report_items),
  "created_by": integer, "created_by_name": string, "created_at": time, "updated_by": integer, "updated_by_name": string, "updated_at": time,
  "pending_change": {"anyOf": [S("ReportRequest"), {"type": "null"}], "description": "an item change waiting for the general manager"}})
add("get", "/api/v1/customer-reports", op("SEC-11: the customer reports of the departments where the caller holds report.prepare, newest first", "reports", "report.prepare",
  resp(obj({"items": arr(S("CustomerReport"))})), rules=["SEC-11"]))
add("post", "/api/v1/customer-reports", op("SEC-11: define a customer statistics report: counts over the customers of a department's subtree (aggregates only; classified customers are counted)",
  "reports", "report.prepare in the department", resp(S("CustomerReport"), "201", "created"),
  obj({"title": {"type": "string", "maxLength": 100}, "department_id": integer, "items": arr(report_items)}, ["title", "department_id", "items"]), rules=["SEC-11"]))
add("get", "/api/v1/customer-reports/{id}", op("SEC-11: one report with its pending item change", "reports", "report.prepare in the report's department",
  resp(S("CustomerReport")), params=[path_param("id")], rules=["SEC-11"]))
add("patch", "/api/v1/customer-reports/{id}", op("SEC-11: a new title applies at once; new items become a change request for the general manager (report_change chain), the report keeping its items until approved; a stale version or a change already pending gets 409",
  "reports", "report.prepare in the report's department", resp(S("CustomerReport")),
  obj({"version": integer, "title": string, "items": arr(report_items), "note": {"type": "string", "description": "why the items change"}}, ["version"]), [path_param("id")], rules=["SEC-11"]))
add("get", "/api/v1/customer-reports/{id}/figures", op("SEC-11: the report computed now (the preparer's preview; audited)", "reports", "report.prepare in the report's department",
  resp(obj({"report_id": integer, "items": arr(report_items), "computed_at": time, "figures": arr(S("ReportFigure"))})), params=[path_param("id")], rules=["SEC-11"]))
add("post", "/api/v1/customer-reports/{id}/distributions", op("SEC-11: ask to send the report, computed now into a stored snapshot, to a department: to its own department (or below) it is reviewed (report_review: the customer service manager); to any other department reviewed, then approved by the general manager (report_distribution)",
  "reports", "report.prepare in the report's department", resp(S("ReportRequest"), "201", "requested"),
  obj({"recipient_department_id": integer, "note": string}, ["recipient_department_id"]), [path_param("id")], rules=["SEC-11"]))
add("get", "/api/v1/report-changes", op("SEC-11: item changes the caller asked for (box=mine) or may decide now (box=inbox)", "reports", "any user",
  resp(obj({"items": arr(S("ReportRequest"))})), params=[q("box", enum("mine", "inbox"))], rules=["SEC-11"]))
add("get", "/api/v1/report-changes/{id}", op("SEC-11: one item change (its requester, the report's preparers and its approvers; 404 for others)", "reports", "involved",
  resp(S("ReportRequest")), params=[path_param("id")], rules=["SEC-11"]))
add("post", "/api/v1/report-changes/{id}/decision", op("SEC-11: approve or reject the current step (a comment is required to reject); the last approval gives the report its new items; nobody decides their own request or two steps of one",
  "reports", "the step's roles", resp(S("ReportRequest")), obj({"decision": enum("approve", "reject"), "comment": string, "version": integer}, ["decision", "version"]),
  [path_param("id")], rules=["SEC-11"]))
add("post", "/api/v1/report-changes/{id}/withdraw", op("SEC-11: the requester recalls a pending item change; the report keeps its items (404 for anyone else, 422 once decided)",
  "reports", "the requester", resp(S("ReportRequest")), obj({"version": integer}, ["version"]), [path_param("id")], rules=["SEC-11"]))
add("get", "/api/v1/report-distributions", op("SEC-11: distributions the caller asked for (box=mine), may decide now (box=inbox), or approved ones sent to departments where the caller holds report.read (box=received, audited)",
  "reports", "any user", resp(obj({"items": arr(S("ReportRequest"))})), params=[q("box", enum("mine", "inbox", "received"))], rules=["SEC-11"]))
add("get", "/api/v1/report-distributions/{id}", op("SEC-11: one distribution with its snapshot: its requester and approvers; once approved, report.read holders of the recipient department; 404 for others (audited)",
  "reports", "involved or report.read in the recipient department", resp(S("ReportRequest")), params=[path_param("id")], rules=["SEC-11"]))
add("post", "/api/v1/report-distributions/{id}/decision", op("SEC-11: review or approve (or reject, with a comment) the current step of a distribution; nobody decides their own request or two steps of one",
  "reports", "the step's roles", resp(S("ReportRequest")), obj({"decision": enum("approve", "reject"), "comment": string, "version": integer}, ["decision", "version"]),
  [path_param("id")], rules=["SEC-11"]))
add("post", "/api/v1/report-distributions/{id}/withdraw", op("SEC-11: the requester recalls a pending distribution; nothing is sent (404 for anyone else, 422 once decided)",
  "reports", "the requester", resp(S("ReportRequest")), obj({"version": integer}, ["version"]), [path_param("id")], rules=["SEC-11"]))
add("get", "/api/v1/report-distributions/{id}/export", op("SEC-11: an approved distribution as CSV under a watermark line naming who exported it (audited)", "reports",
  "report.read in the recipient department", resp(string, ctype="text/csv"), params=[path_param("id")], rules=["SEC-11", "SEC-7"]))
doc = {"openapi": "3.1.0",
 "info": {"title": "Patron API", "version": "0.1.0", "description": "VIP customer management. Rule IDs (x-rules) refer to POLICIES.md. Errors are application/problem+json (RFC 9457)."},
 "servers": [{"url": "/"}],
 "security": [{"bearer": []}, {"cookie": []}],
 "paths": P,
 "components": {"schemas": schemas, "responses": responses,
   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "token from POST /api/v1/auth/login"},
     "cookie": {"type": "apiKey", "in": "cookie", "name": "patron_session", "description": "web UI; unsafe methods also need the X-CSRF-Token header equal to the patron_csrf cookie"}}}}
print(json.dumps(doc, ensure_ascii=False, indent=1))
