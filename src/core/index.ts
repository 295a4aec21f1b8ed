export { errorCodes, type ErrorCode } from "./error-codes.js";
export { SluiceError, isSluiceError, type SluiceErrorOptions } from "./sluice-error.js";
export { systemClock, ManualClock, type Clock } from "./clock.js";
export { systemRandom, seededRandom, type RandomSource } from "./random.js";
export { newUuid } from "./ids.js";
export { silentLogger, type Logger, type LogFields } from "./logger.js";
export type { JsonValue, JsonObject } from "./json.js";
