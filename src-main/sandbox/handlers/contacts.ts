import { location, paginate, type ApiContext } from '../context.js';
import type { UserRecord } from '../model.js';
import { notFound, validationFailed, type FieldError, type Reply } from '../replies.js';
import { baseUser } from '../seed.js';
import { contactJson } from '../serialize.js';
import { TIME_ZONES } from '../time.js';
import {
  checkBool,
  checkObject,
  checkPositiveInt,
  checkString,
  checkStringArray,
  checkStringEnum,
  emailQuery,
  isPlainObject,
  missing,
  parsePaging,
  parseQueryInt,
  unknownKeys,
  unknownQueryKeys,
  updatedSinceQuery,
  type Body,
} from '../validation.js';
import { LANGUAGES } from './agents.js';

const CREATE_FIELDS = new Set([
  'name',
  'email',
  'phone',
  'mobile',
  'twitter_id',
  'unique_external_id',
  'other_emails',
  'company_id',
  'view_all_tickets',
  'address',
  'job_title',
  'description',
  'language',
  'time_zone',
  'tags',
  'custom_fields',
  'other_companies',
]);
const LIST_QUERY = new Set(['email', 'mobile', 'phone', 'company_id', 'updated_since', 'state', 'page', 'per_page']);

export const MULTIPART_CONTACT_TYPES = { company_id: 'int', view_all_tickets: 'bool' } as const;

function validateContact(ctx: ApiContext, body: Body): FieldError[] {
  const { account } = ctx;
  const errors: FieldError[] = [];
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);
  const push = (e: FieldError | null): boolean => {
    if (e) errors.push(e);
    return e === null;
  };
  if (!has('name')) errors.push(missing('name', 'Mandatory attribute missing'));
  else if (push(checkString('name', body.name, { notBlank: true })) && /"|https?:\/\/|www\./i.test(body.name as string)) {
    errors.push({ field: 'name', message: 'It should not contain URLs or double quotes', code: 'invalid_value' });
  }
  if (!['email', 'phone', 'mobile', 'twitter_id', 'unique_external_id'].some(has)) {
    errors.push(missing('email', 'Please fill at least 1 of email, mobile, phone, twitter_id fields'));
  }
  if (has('email')) push(checkString('email', body.email, { email: true, notBlank: true }));
  for (const k of ['phone', 'mobile', 'twitter_id', 'unique_external_id', 'address', 'job_title'] as const) {
    if (has(k)) push(checkString(k, body[k]));
  }
  if (has('description')) push(checkString('description', body.description, { max: 100_000 }));
  if (has('other_emails')) {
    if (push(checkStringArray('other_emails', body.other_emails, { email: true, maxItems: 10 })) && !has('email')) {
      errors.push(missing('email', "It should not be blank if 'other_emails' is set"));
    }
  }
  if (has('company_id')) {
    if (push(checkPositiveInt('company_id', body.company_id)) && !account.companies.has(body.company_id as number)) {
      errors.push({ field: 'company_id', message: 'There is no company matching the given company_id', code: 'invalid_value' });
    }
  }
  if (has('view_all_tickets')) {
    if (push(checkBool('view_all_tickets', body.view_all_tickets)) && body.view_all_tickets === true && !has('company_id')) {
      errors.push(missing('company_id', 'Company ID is required for a contact to view all tickets'));
    }
  }
  if (has('language')) push(checkStringEnum('language', body.language, LANGUAGES));
  if (has('time_zone')) push(checkStringEnum('time_zone', body.time_zone, Object.keys(TIME_ZONES)));
  if (has('tags')) push(checkStringArray('tags', body.tags, { itemMax: 32, noCommas: true }));
  if (has('custom_fields')) push(checkObject('custom_fields', body.custom_fields));
  if (has('other_companies')) {
    const v = body.other_companies;
    if (
      !Array.isArray(v) ||
      !v.every(
        (o) =>
          isPlainObject(o) &&
          typeof o.company_id === 'number' &&
          (o.view_all_tickets === undefined || typeof o.view_all_tickets === 'boolean'),
      )
    ) {
      errors.push({
        field: 'other_companies',
        message: 'It should contain elements of type key/value pair only',
        code: 'datatype_mismatch',
      });
    } else {
      const bad = (v as Body[]).map((o) => o.company_id as number).filter((id) => !account.companies.has(id));
      if (bad.length > 0)
        errors.push({
          field: 'other_companies',
          message: `There are no records matching the ids: '${bad.join(',')}'`,
          code: 'invalid_value',
        });
    }
  }
  return errors;
}

function duplicates(ctx: ApiContext, body: Body): FieldError[] {
  const { account } = ctx;
  const out: FieldError[] = [];
  const dup = (field: string, user: UserRecord | undefined): void => {
    if (user) out.push({ field, additional_info: { user_id: user.id }, message: 'It should be a unique value', code: 'duplicate_value' });
  };
  if (typeof body.email === 'string') dup('email', account.userByEmail(body.email));
  if (Array.isArray(body.other_emails)) {
    const clash = (body.other_emails as string[]).map((e) => account.userByEmail(e)).find((u) => u !== undefined);
    dup('other_emails', clash);
  }
  if (typeof body.twitter_id === 'string') dup('twitter_id', account.userByTwitter(body.twitter_id));
  if (typeof body.unique_external_id === 'string') dup('unique_external_id', account.userByExternalId(body.unique_external_id));
  return out;
}

export function createContact(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const unknown = unknownKeys(body, CREATE_FIELDS);
  if (isPlainObject(body.custom_fields)) unknown.push(...unknownKeys(body.custom_fields, new Set(), 'custom_fields.'));
  if (unknown.length > 0) return validationFailed(unknown);
  const errors = validateContact(ctx, body);
  if (errors.length > 0) return validationFailed(errors);
  const dups = duplicates(ctx, body);
  if (dups.length > 0) return validationFailed(dups);

  const now = ctx.now();
  const str = (k: string): string | null => (typeof body[k] === 'string' ? (body[k] as string) : null);
  const user = baseUser(account.nextUserId, body.name as string, str('email'), now, str('time_zone') ?? account.timeZone);
  user.phone = str('phone');
  user.mobile = str('mobile');
  user.twitterId = str('twitter_id');
  user.uniqueExternalId = str('unique_external_id');
  user.address = str('address');
  user.jobTitle = str('job_title');
  user.description = str('description');
  user.language = str('language') ?? 'en';
  user.companyId = (body.company_id as number | undefined) ?? null;
  user.viewAllTickets = body.view_all_tickets === true;
  user.otherEmails = ((body.other_emails as string[] | undefined) ?? []).slice();
  user.otherCompanies = ((body.other_companies as Body[] | undefined) ?? []).map((o) => ({
    companyId: o.company_id as number,
    viewAllTickets: o.view_all_tickets === true,
  }));
  user.tags = [...new Set((body.tags as string[] | undefined) ?? [])];
  user.customFields = { ...((body.custom_fields as Body | undefined) ?? {}) };
  if (ctx.files[0]) user.avatar = { ...ctx.files[0] };
  account.addUser(user);
  return { status: 201, body: contactJson(account, user), headers: location(ctx, 'contacts', user.id) };
}

/** Agents are not contacts; a deleted (downgraded) agent is. */
export function viewContact(ctx: ApiContext): Reply {
  const user = ctx.account.users.get(ctx.id);
  if (!user || ctx.account.agents.has(user.id)) return notFound();
  const unknown = unknownQueryKeys(ctx.query, new Set());
  if (unknown.length > 0) return validationFailed(unknown);
  return { status: 200, body: contactJson(ctx.account, user) };
}

export function listContacts(ctx: ApiContext): Reply {
  const { account, query } = ctx;
  const unknown = unknownQueryKeys(query, LIST_QUERY);
  if (unknown.length > 0) return validationFailed(unknown);
  const errors: FieldError[] = [];
  const email = emailQuery(query, errors);
  let companyId: number | undefined;
  const rawCompany = query.get('company_id');
  if (rawCompany !== null) {
    const v = parseQueryInt('company_id', rawCompany);
    if (typeof v === 'number') companyId = v;
    else errors.push(v);
  }
  const updatedSince = updatedSinceQuery(query, errors);
  const state = query.get('state');
  const STATES = ['blocked', 'deleted', 'unverified', 'verified'];
  if (state !== null && !STATES.includes(state))
    errors.push({ field: 'state', message: `It should be one of these values: '${STATES.join(',')}'`, code: 'invalid_value' });
  const { page, perPage } = parsePaging(query, errors);
  if (errors.length > 0) return validationFailed(errors);
  const phone = query.get('phone');
  const mobile = query.get('mobile');
  const rows: UserRecord[] = [];
  for (const u of account.users.values()) {
    if (account.agents.has(u.id)) continue;
    if (state === 'deleted' ? !u.deleted : u.deleted) continue;
    if (state === 'verified' && !u.active) continue;
    if (state === 'unverified' && u.active) continue;
    if (state === 'blocked') continue;
    if (
      email !== null &&
      u.email?.toLowerCase() !== email.toLowerCase() &&
      !u.otherEmails.some((e) => e.toLowerCase() === email.toLowerCase())
    )
      continue;
    if (phone !== null && u.phone !== phone) continue;
    if (mobile !== null && u.mobile !== mobile) continue;
    if (companyId !== undefined && u.companyId !== companyId) continue;
    if (updatedSince !== undefined && u.updatedAt < updatedSince) continue;
    rows.push(u);
  }
  rows.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const { pageItems, headers } = paginate(ctx, rows, page, perPage);
  return { status: 200, body: pageItems.map((u) => contactJson(account, u)), headers };
}
