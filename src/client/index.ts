export { SluiceClient, ApiError, type ClientOptions } from "./sluice-client.js";
