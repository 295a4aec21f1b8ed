export {
  startServer,
  databaseConfig,
  type ServerConfig,
  type RunningServer,
} from "./server-app.js";
export { resolveDataDir, loadOrCreateToken, tokenPath } from "./data-dir.js";
