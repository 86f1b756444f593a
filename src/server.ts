export {
  type LogLevel,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './adapters/node-server.js'
