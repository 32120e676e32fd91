// Convenience aliases for the generated OpenAPI types. They are derived from *paths*, not from
// component names, so a renamed schema in the server does not break the app. Never hand-write
// API shapes here: everything comes from ./schema.d.ts (generated from ../openapi.yaml).
import type { paths } from './schema';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

type Post<P extends keyof paths> = paths[P] extends { post: infer Op } ? Op : never;
type Get<P extends keyof paths> = paths[P] extends { get: infer Op } ? Op : never;
type Put<P extends keyof paths> = paths[P] extends { put: infer Op } ? Op : never;

type RequestBody<Op> = Op extends { requestBody?: infer R } ? JsonBody<NonNullable<R>> : never;
type Ok<Op, Code extends number> = Op extends { responses: { [K in Code]: infer R } } ? JsonBody<R> : never;
type Query<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type LoginRequest = RequestBody<Post<'/api/v1/auth/login'>>;
export type TokenResponse = Ok<Post<'/api/v1/auth/login'>, 200>;
export type Me = Ok<Get<'/api/v1/auth/me'>, 200>;
export type Role = Me['role'];
export type Unit = Me['units'][number];

export type ParticipantList = Ok<Get<'/api/v1/participants'>, 200>;
export type ParticipantListQuery = Query<Get<'/api/v1/participants'>>;
export type Participant = Ok<Get<'/api/v1/participants/{id}'>, 200>;
export type ParticipantInput = RequestBody<Post<'/api/v1/participants'>>;
export type ParticipantUpdate = RequestBody<Put<'/api/v1/participants/{id}'>>;

export type ParticipantStatus = Participant['status'];
export type Gender = Participant['gender'];
export type HousingSituation = Participant['housing_situation'];
export type MainSubstance = Participant['main_substance'];
export type IncomeSource = Participant['income_source'];

export type StaffList = Ok<Get<'/api/v1/staff'>, 200>;
export type StaffMember = StaffList['items'][number];

import type { components } from './schema';

/** A schema of the API by its component name, e.g. `Schema<'ReferralView'>` (generated, never hand-written). */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];
