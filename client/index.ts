// The typed client of the techgraph API. gql.ts and graphql.ts are generated from operations/*.graphql by
// `npm run codegen` (graphql-codegen's client preset); type-policies.ts, Apollo Client's cache policies for this
// schema, is written by hand (docs/clients.md).
export * from './gql.js';
export * from './type-policies.js';
