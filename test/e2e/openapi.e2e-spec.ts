import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { DOCUMENTED_SERVICE_NAMES, offlineServiceApp, DOCUMENTED_SERVICES } from '../support/openapi-documents';
import { createOpenApiDocument, DEFAULT_TENANT_PARAM } from '@lib/platform';
import { type Constructor, type DiscoveredRoute, routesOf } from '../support/routes';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { DECORATORS } from '@nestjs/swagger';

/*
 * A client is generated from these documents alone (the portal's API types are), so every request
 * and response must be described down to its leaves: no `{}` schema, no object without properties,
 * no array without item type, no 2xx answer without a body schema, no path or query field a handler
 * reads that the document does not declare.
 */

type Schema = SchemaObject | ReferenceObject;

const isReference = (schema: Schema): schema is ReferenceObject => '$ref' in schema;
const isJson = (mediaType: string): boolean => mediaType === 'application/json' || mediaType.endsWith('+json');

/** Where a schema (and everything under it) leaves a client guessing; each entry names the place. */
function schemaGaps(schema: Schema | undefined, where: string, document: OpenAPIObject, visited: Set<string>): string[] {
  if (!schema) return [`${where}: no schema`];
  if (isReference(schema)) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (visited.has(name)) return [];
    visited.add(name);
    const target = document.components?.schemas?.[name];
    return target ? schemaGaps(target, `${name}`, document, visited) : [`${where}: ${schema.$ref} is not in components`];
  }
  const composed = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (composed.length > 0) return composed.flatMap((part, i) => schemaGaps(part, `${where}(${i})`, document, visited));
  if (schema.enum) return [];
  switch (schema.type) {
    case undefined:
      return [`${where}: no type`];
    case 'array':
      return schemaGaps(schema.items, `${where}[]`, document, visited);
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      if (properties.length === 0 && !additional) return [`${where}: an object without properties`];
      return [
        ...properties.flatMap(([name, property]) => schemaGaps(property, `${where}.${name}`, document, visited)),
        ...(additional ? schemaGaps(additional, `${where}{}`, document, visited) : []),
      ];
    }
    default:
      return [];
  }
}

/** 2xx answers: JSON with a full schema; a file (any other media type) as a binary string; text as a string; 204 without a body. */
function responseGaps(operation: OperationObject, where: string, document: OpenAPIObject): string[] {
  const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
  if (successes.length === 0) return [`${where}: no 2xx response`];
  return successes.flatMap(([status, response]) => {
    if (status === '204') return [];
    const content = response && 'content' in response ? (response.content ?? {}) : {};
    if (Object.keys(content).length === 0) return [`${where} ${status}: no body described`];
    return Object.entries(content).flatMap(([mediaType, { schema }]) => {
      if (isJson(mediaType)) return schemaGaps(schema, `${where} ${status} ${mediaType}`, document, new Set());
      const described = schema && !isReference(schema) ? schema : undefined;
      if (mediaType.startsWith('text/')) return described?.type === 'string' ? [] : [`${where} ${status} ${mediaType}: not a string`];
      return described?.type === 'string' && described.format === 'binary' ? [] : [`${where} ${status} ${mediaType}: not a binary string`];
    });
  });
}

/** On a read, the guard takes the tenant and the unit it authorizes from the query when the path does not name them. */
function guardQueryFields(route: DiscoveredRoute | undefined, templated: string[]): string[] {
  if (route?.method !== 'GET' || route.policy?.kind !== 'permission') return [];
  return [route.policy.tenantParam ?? DEFAULT_TENANT_PARAM, route.policy.unitParam].filter(
    (name): name is string => name !== undefined && !templated.includes(name),
  );
}

function parameterGaps(operation: OperationObject, path: string, where: string, route: DiscoveredRoute | undefined, document: OpenAPIObject): string[] {
  const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !('$ref' in parameter));
  const declared = (place: string) => new Set(parameters.filter((parameter) => parameter.in === place).map((parameter) => parameter.name));
  const inPath = declared('path');
  const inQuery = declared('query');
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  return [
    ...templated.filter((name) => !inPath.has(name)).map((name) => `${where}: path parameter ${name} not declared`),
    ...(route?.pathFields ?? []).filter((name) => !inPath.has(name)).map((name) => `${where}: reads path field ${name}, not declared`),
    ...(route?.queryFields ?? []).filter((name) => !inQuery.has(name)).map((name) => `${where}: reads query field ${name}, not declared`),
    ...guardQueryFields(route, templated)
      .filter((name) => !inQuery.has(name))
      .map((name) => `${where}: its guard reads query field ${name}, not declared`),
    ...parameters.flatMap((parameter) => schemaGaps(parameter.schema, `${where} ${parameter.in} ${parameter.name}`, document, new Set())),
  ];
}

function documentGaps(document: OpenAPIObject, routes: DiscoveredRoute[]): string[] {
  const byOperation = new Map(routes.map((route) => [route.operationId, route]));
  const documented = new Set<string>();
  const gaps = Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const where = `${method.toUpperCase()} ${path}`;
      const operationId = (operation.operationId ?? '').replace(/\[\d+\]$/, '');
      documented.add(operationId);
      const route = byOperation.get(operationId);
      const body = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody.content : {};
      return [
        ...(route ? [] : [`${where}: no route behind operation ${operation.operationId}`]),
        ...parameterGaps(operation, path, where, route, document),
        ...Object.entries(body).flatMap(([mediaType, { schema }]) => schemaGaps(schema, `${where} body ${mediaType}`, document, new Set())),
        ...responseGaps(operation, where, document),
      ];
    }),
  );
  const undocumented = routes.filter((route) => !documented.has(route.operationId)).map((route) => `${route.method} ${route.path}: not in the document`);
  return [...gaps, ...undocumented];
}

/** The class of a nested property as its `@ApiProperty({ type })` declares it (the document is built from the same). */
function nestedClassOf(body: Constructor, property: string): Constructor | undefined {
  const declared = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, body.prototype, property) ?? {}) as { type?: unknown };
  const type = [declared.type].flat()[0];
  return typeof type === 'function' && type !== String && type !== Number && type !== Boolean ? (type as Constructor) : undefined;
}

/**
 * Arrays in a body without a maximum size: the body limit alone lets one request carry thousands of
 * entries that every decider and projection then walks. Nested classes (`@Type`) are followed.
 */
function unboundedArrays(body: Constructor, where: string, visited = new Set<Constructor>()): string[] {
  if (visited.has(body)) return [];
  visited.add(body);
  const metadata = getMetadataStorage().getTargetValidationMetadatas(body, '', true, false);
  const constraintsOf = (property: string) => new Set(metadata.filter((entry) => entry.propertyName === property).map((entry) => entry.name ?? entry.type));
  return [...new Set(metadata.map((entry) => entry.propertyName))].flatMap((property) => {
    const constraints = constraintsOf(property);
    const nested = nestedClassOf(body, property);
    return [
      ...(constraints.has('isArray') && !constraints.has('arrayMaxSize') ? [`${where}.${property}: an array without @ArrayMaxSize`] : []),
      ...(nested && constraints.has(ValidationTypes.NESTED_VALIDATION) ? unboundedArrays(nested, `${where}.${property}`, visited) : []),
    ];
  });
}

describe('OpenAPI documents', () => {
  it.each(DOCUMENTED_SERVICE_NAMES)('the %s service bounds every array a request body carries', async (name) => {
    const app = await offlineServiceApp(name);
    try {
      const gaps = routesOf(app).flatMap((route) => route.bodyClasses.flatMap((body) => unboundedArrays(body, `${route.method} ${route.path} ${body.name}`)));
      expect(gaps).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it.each(DOCUMENTED_SERVICE_NAMES)('the %s service describes every request and response in full', async (name) => {
    const app = await offlineServiceApp(name);
    try {
      const document = createOpenApiDocument(app, DOCUMENTED_SERVICES[name].surface);
      expect(documentGaps(document, routesOf(app))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
