/** Keys of job log and e-mail messages. */
export type MessageKey =
  | 'begin'
  | 'end'
  | 'originalJobName'
  | 'jobClient'
  | 'totalFileCount'
  | 'success'
  | 'warning'
  | 'error'
  | 'updated'
  | 'renamed'
  | 'skipped'
  | 'fatal'
  | 'stopped'
  | 'progressNew'
  | 'progressRunning'
  | 'progressPaused'
  | 'progressStopping'
  | 'mailStartedSubject'
  | 'mailCompletedSubject'
  | 'mailBody'

type Catalog = Record<MessageKey, string>

const enUS: Catalog = {
  begin: '{job} has begun!',
  end: '{job} has ended.',
  originalJobName: 'Original job name: {name}',
  jobClient: 'Submitted by {user}',
  totalFileCount: 'Total files: {count}',
  success: '{file} processed successfully.',
  warning: '{file} processed with a warning: {message}',
  error: '{file} failed: {message}',
  updated: '{file} was processed into IPS, replacing the existing asset.',
  renamed: '{file} was processed into IPS under a new name: the name was taken.',
  skipped: '{file} was skipped: an asset of that name exists and overwrite is off.',
  fatal: 'The job failed: {message}',
  stopped: 'The job was stopped by {user}.',
  progressNew: 'Waiting to start',
  progressRunning: 'Processed {done} of {total}',
  progressPaused: 'Paused after {done} of {total}',
  progressStopping: 'Stopping',
  mailStartedSubject: 'Job "{name}" has started',
  mailCompletedSubject:
    'Job "{name}" completed: {success} succeeded, {warnings} warnings, {errors} errors',
  mailBody:
    'Job: {name}\nCompany: {company}\nStarted: {start}\nEnded: {end}\nFiles: {total}\nSucceeded: {success}\nWarnings: {warnings}\nErrors: {errors}',
}

const deDE: Catalog = {
  begin: '{job} wurde gestartet!',
  end: '{job} wurde beendet.',
  originalJobName: 'Ursprünglicher Jobname: {name}',
  jobClient: 'Übermittelt von {user}',
  totalFileCount: 'Dateien insgesamt: {count}',
  success: '{file} wurde erfolgreich verarbeitet.',
  warning: '{file} wurde mit einer Warnung verarbeitet: {message}',
  error: '{file} ist fehlgeschlagen: {message}',
  updated: '{file} wurde in IPS verarbeitet und ersetzt das vorhandene Asset.',
  renamed: '{file} wurde unter neuem Namen in IPS verarbeitet: der Name war vergeben.',
  skipped: '{file} wurde übersprungen: ein Asset dieses Namens existiert, Überschreiben ist aus.',
  fatal: 'Der Job ist fehlgeschlagen: {message}',
  stopped: 'Der Job wurde von {user} angehalten.',
  progressNew: 'Wartet auf den Start',
  progressRunning: '{done} von {total} verarbeitet',
  progressPaused: 'Pausiert nach {done} von {total}',
  progressStopping: 'Wird angehalten',
  mailStartedSubject: 'Job „{name}“ wurde gestartet',
  mailCompletedSubject:
    'Job „{name}“ abgeschlossen: {success} erfolgreich, {warnings} Warnungen, {errors} Fehler',
  mailBody:
    'Job: {name}\nFirma: {company}\nGestartet: {start}\nBeendet: {end}\nDateien: {total}\nErfolgreich: {success}\nWarnungen: {warnings}\nFehler: {errors}',
}

const catalogs: Record<string, Catalog> = { en: enUS, de: deDE }

/**
 * A localised message: the language of `locale` (`de`, `de-DE`, `de_AT` …) picks the set,
 * anything unknown gets en-US.
 * @example message('de-DE', 'success', { file: 'a.jpg' }) // 'a.jpg wurde erfolgreich verarbeitet.'
 */
export function message(
  locale: string | undefined,
  key: MessageKey,
  args: Readonly<Record<string, string | number>> = {},
): string {
  const language = (locale ?? 'en').slice(0, 2).toLowerCase()
  const template = (catalogs[language] ?? enUS)[key]
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`))
}
