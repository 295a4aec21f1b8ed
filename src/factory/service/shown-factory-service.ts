import type { AdfResource } from "./adf-shape.js";
import type { FactoryService } from "./factory-service.js";
import { maskResourceSecrets } from "./secret-masking.js";

/** A factory or resource as the API shows it: its `properties` with secrets masked. */
export function shownResource(resource: AdfResource): AdfResource {
  return { ...resource, properties: maskResourceSecrets(resource.properties) };
}

/**
 * `service` as the REST API (and so the CLI and the web UI) sees it: every factory and
 * resource it returns has its secrets masked ({@link maskResourceSecrets}); writes pass
 * through, and the service itself puts stored secrets back where a write sends the mask.
 * In-process callers that need the real values (the scheduler, blob event sources) use the
 * service itself.
 */
export function shownFactoryService(service: FactoryService): FactoryService {
  return {
    deploy: async (definition, options) => {
      const result = await service.deploy(definition, options);
      return { ...result, factory: shownResource(result.factory) };
    },
    getFactory: async (name) => shownResource(await service.getFactory(name)),
    putFactory: async (name, body, options) =>
      shownResource(await service.putFactory(name, body, options)),
    putResource: async (factory, kind, name, body, options) => {
      const written = await service.putResource(factory, kind, name, body, options);
      return { ...written, resource: shownResource(written.resource) };
    },
    getResource: async (factory, kind, name) =>
      shownResource(await service.getResource(factory, kind, name)),
    listResources: async (factory, kind, options) => {
      const page = await service.listResources(factory, kind, options);
      return { ...page, value: page.value.map(shownResource) };
    },
    deleteResource: (factory, kind, name, options) =>
      service.deleteResource(factory, kind, name, options),
  };
}
