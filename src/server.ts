export {
  type LogLevel,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './server/start-server.js'
