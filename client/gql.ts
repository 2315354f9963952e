/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CtoMeeting {\n  events(first: 5) {\n    nodes {\n      name\n      nameKo\n      date\n      venue\n      attendees(first: 30) {\n        totalCount\n        nodes {\n          name\n          nameKo\n          employments {\n            nodes {\n              title\n              organization {\n                name\n                type\n                country\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.CtoMeetingDocument,
    "query ProgramBudget($id: ID!) {\n  program(id: $id) {\n    name\n    nameKo\n    description\n    budgetLines {\n      nodes {\n        fromYear\n        toYear\n        amountKrw\n        technologyCount\n        projectCount\n        note\n        provenance\n      }\n    }\n    targets {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": typeof types.ProgramBudgetDocument,
    "query Technologies($kind: TechnologyKind, $first: Int = 10, $after: String) {\n  technologies(first: $first, after: $after, filter: {kind: $kind}) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      nameKo\n      kind\n      provenance\n      sources {\n        title\n        publisher\n      }\n    }\n  }\n}": typeof types.TechnologiesDocument,
    "query TechnologyCapabilities($id: ID!) {\n  technology(id: $id) {\n    id\n    name\n    nameKo\n    kind\n    provenance\n    sectors {\n      nodes {\n        id\n        name\n      }\n    }\n    capabilities(first: 10) {\n      totalCount\n      edges {\n        node {\n          level\n          holdsCoreIp\n          provenance\n          sources {\n            title\n          }\n          organization {\n            id\n            name\n            country\n            type\n          }\n        }\n      }\n    }\n  }\n}": typeof types.TechnologyCapabilitiesDocument,
};
const documents: Documents = {
    "query CtoMeeting {\n  events(first: 5) {\n    nodes {\n      name\n      nameKo\n      date\n      venue\n      attendees(first: 30) {\n        totalCount\n        nodes {\n          name\n          nameKo\n          employments {\n            nodes {\n              title\n              organization {\n                name\n                type\n                country\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.CtoMeetingDocument,
    "query ProgramBudget($id: ID!) {\n  program(id: $id) {\n    name\n    nameKo\n    description\n    budgetLines {\n      nodes {\n        fromYear\n        toYear\n        amountKrw\n        technologyCount\n        projectCount\n        note\n        provenance\n      }\n    }\n    targets {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n}": types.ProgramBudgetDocument,
    "query Technologies($kind: TechnologyKind, $first: Int = 10, $after: String) {\n  technologies(first: $first, after: $after, filter: {kind: $kind}) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      nameKo\n      kind\n      provenance\n      sources {\n        title\n        publisher\n      }\n    }\n  }\n}": types.TechnologiesDocument,
    "query TechnologyCapabilities($id: ID!) {\n  technology(id: $id) {\n    id\n    name\n    nameKo\n    kind\n    provenance\n    sectors {\n      nodes {\n        id\n        name\n      }\n    }\n    capabilities(first: 10) {\n      totalCount\n      edges {\n        node {\n          level\n          holdsCoreIp\n          provenance\n          sources {\n            title\n          }\n          organization {\n            id\n            name\n            country\n            type\n          }\n        }\n      }\n    }\n  }\n}": types.TechnologyCapabilitiesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CtoMeeting {\n  events(first: 5) {\n    nodes {\n      name\n      nameKo\n      date\n      venue\n      attendees(first: 30) {\n        totalCount\n        nodes {\n          name\n          nameKo\n          employments {\n            nodes {\n              title\n              organization {\n                name\n                type\n                country\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query CtoMeeting {\n  events(first: 5) {\n    nodes {\n      name\n      nameKo\n      date\n      venue\n      attendees(first: 30) {\n        totalCount\n        nodes {\n          name\n          nameKo\n          employments {\n            nodes {\n              title\n              organization {\n                name\n                type\n                country\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProgramBudget($id: ID!) {\n  program(id: $id) {\n    name\n    nameKo\n    description\n    budgetLines {\n      nodes {\n        fromYear\n        toYear\n        amountKrw\n        technologyCount\n        projectCount\n        note\n        provenance\n      }\n    }\n    targets {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"): (typeof documents)["query ProgramBudget($id: ID!) {\n  program(id: $id) {\n    name\n    nameKo\n    description\n    budgetLines {\n      nodes {\n        fromYear\n        toYear\n        amountKrw\n        technologyCount\n        projectCount\n        note\n        provenance\n      }\n    }\n    targets {\n      nodes {\n        id\n        name\n        kind\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Technologies($kind: TechnologyKind, $first: Int = 10, $after: String) {\n  technologies(first: $first, after: $after, filter: {kind: $kind}) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      nameKo\n      kind\n      provenance\n      sources {\n        title\n        publisher\n      }\n    }\n  }\n}"): (typeof documents)["query Technologies($kind: TechnologyKind, $first: Int = 10, $after: String) {\n  technologies(first: $first, after: $after, filter: {kind: $kind}) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      name\n      nameKo\n      kind\n      provenance\n      sources {\n        title\n        publisher\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TechnologyCapabilities($id: ID!) {\n  technology(id: $id) {\n    id\n    name\n    nameKo\n    kind\n    provenance\n    sectors {\n      nodes {\n        id\n        name\n      }\n    }\n    capabilities(first: 10) {\n      totalCount\n      edges {\n        node {\n          level\n          holdsCoreIp\n          provenance\n          sources {\n            title\n          }\n          organization {\n            id\n            name\n            country\n            type\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query TechnologyCapabilities($id: ID!) {\n  technology(id: $id) {\n    id\n    name\n    nameKo\n    kind\n    provenance\n    sectors {\n      nodes {\n        id\n        name\n      }\n    }\n    capabilities(first: 10) {\n      totalCount\n      edges {\n        node {\n          level\n          holdsCoreIp\n          provenance\n          sources {\n            title\n          }\n          organization {\n            id\n            name\n            country\n            type\n          }\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;