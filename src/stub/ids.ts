// What an entity id may be, read once from openapi.yaml's `entityId`, and the key segment length
// routing must serve so that every id the stub stores can be addressed by its Location.
import { schema } from "../spec/document.js";

/** The longest id, in code points (`entityId.maxLength`: 128). */
export const maxIdLength = Number(schema("entityId").maxLength);

/**
 * The longest path parameter routing takes (Fastify's `maxParamLength`, measured before
 * percent-decoding): percent-encoding writes one code point as at most 12 characters (4 UTF-8
 * bytes, `%XX` each), so any id within `maxIdLength` routes. A longer segment cannot name an
 * entity and gets a Graph 400 (FST_ERR_MAX_PARAM_LENGTH in errors.ts).
 */
export const maxKeySegmentLength = maxIdLength * 12;
