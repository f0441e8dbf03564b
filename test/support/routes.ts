import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import { AUTH_POLICY, type RoutePolicy } from '@lib/platform';

export interface DiscoveredRoute {
  method: string;
  /** Nest's pattern, e.g. `/requests/:requestId/complete`. */
  path: string;
  /** The access policy the guard reads (method first, then controller); undefined = closed. */
  policy: RoutePolicy | undefined;
  /** `<Controller>_<handler>`, the operation id @nestjs/swagger gives the route. */
  operationId: string;
  /** The query fields the handler reads: the validated fields of its `@Query()` classes, or the names of `@Query('name')`. */
  queryFields: string[];
  /** The path fields the handler reads, the same way. */
  pathFields: string[];
  /** The classes of the handler's `@Body()` arguments. */
  bodyClasses: Constructor[];
}

export type Constructor = new (...args: never[]) => unknown;

interface RouteArgument {
  index: number;
  data?: unknown;
}

/** The fields a handler's arguments of one kind (query, path) read: a named argument, or every validated field of the argument's class. */
function fieldsRead(controller: Constructor, name: string, kind: RouteParamtypes): string[] {
  const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as Constructor[];
  return Object.entries(routeArguments)
    .filter(([key]) => key.split(':')[0] === String(kind))
    .flatMap(([, { index, data }]) => {
      if (typeof data === 'string') return [data];
      const validated = getMetadataStorage().getTargetValidationMetadatas(types[index], '', true, false);
      return [...new Set(validated.map((metadata) => metadata.propertyName))];
    });
}

function bodyClassesOf(controller: Constructor, name: string): Constructor[] {
  const routeArguments = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as Constructor[];
  return Object.entries(routeArguments)
    .filter(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY))
    .map(([, { index }]) => types[index])
    .filter((type) => typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0);
}

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route the app's controllers declare, read from Nest's own metadata (what the router mounts). */
export function routesOf(app: INestApplication): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const policy = (Reflect.getMetadata(AUTH_POLICY, handler) ?? Reflect.getMetadata(AUTH_POLICY, controller)) as RoutePolicy | undefined;
        const inputs = {
          operationId: `${controller.name}_${name}`,
          queryFields: fieldsRead(controller, name, RouteParamtypes.QUERY),
          pathFields: fieldsRead(controller, name, RouteParamtypes.PARAM),
          bodyClasses: bodyClassesOf(controller, name),
        };
        for (const base of bases) for (const path of [paths].flat()) routes.push({ method, path: join(base, path), policy, ...inputs });
      }
    }
  }
  return routes;
}
