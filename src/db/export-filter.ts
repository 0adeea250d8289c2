/** What an export keeps: one workspace's records (or every workspace's), from one moment on. */
export type ExportFilter = { teamId: string | undefined; since: Date | undefined };
