import { createRequire } from 'node:module';

type Mapper = { type: { additionalProperties?: unknown } };

/**
 * botframework-connector serializes `activity.entities` through an Entity
 * mapper that only knows `type`, `text` and `mentioned`, so Teams' citation
 * and AI-label entities would reach Teams as `{ type }` alone
 * (botbuilder-js#2561; the fix reached the Activity mapper's inline copy but
 * not the Entity model the serializer resolves). Declaring that an Entity may
 * carry other properties makes the serializer keep them. It is the connector
 * that botbuilder itself loads that is changed, once; the Teams tests check
 * the citations on the wire.
 */
export function keepEntityProperties(): void {
  const requireFromBotbuilder = createRequire(createRequire(import.meta.url).resolve('botbuilder'));
  const mappers = requireFromBotbuilder('botframework-connector/lib/connectorApi/models/mappers') as { Entity?: Mapper };
  if (mappers.Entity && !mappers.Entity.type.additionalProperties) mappers.Entity.type.additionalProperties = { type: { name: 'Object' } };
}
