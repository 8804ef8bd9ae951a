/**
 * Staging of a flight CSV upload: request body → multipart file part → UTF-8 text → CSV
 * records → `job_rows`, a batch at a time, so a file of any length is never held in memory.
 * The job is handed to the runner only once the whole file is stored; a body that breaks off
 * fails the job and drops what was staged, so nothing of it is ever imported.
 */
import { AppError, invalidInput } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { type CsvRecord, csvRecordStream, rawText } from "../../domain/csv.ts";
import { csvRecordText } from "../../domain/csv_write.ts";
import { FLIGHT_CSV_JOB, parseFlightCsvHeader } from "../../domain/flight_csv.ts";
import type { Sql } from "../../db/postgres.ts";
import {
  completeUpload,
  createUploadJob,
  failJob,
  type StagedRow,
  stageJobRows,
} from "../../db/jobs_repo.ts";
import type { Logger } from "../../platform/log.ts";
import {
  MultipartError,
  type MultipartErrorKind,
  readMultipartFile,
} from "../../adapters/multipart.ts";

/** What staging an upload needs. */
export interface UploadDeps {
  sql: Sql;
  clock: Clock;
  log: Logger;
}

/** One upload request. */
export interface FlightCsvUpload {
  body: ReadableStream<Uint8Array> | null;
  contentType: string | undefined;
  createdBy?: string;
  /** The most bytes the whole request body may have. */
  maxBytes: number;
  /** Records per INSERT (default 1000). */
  batchSize?: number;
  /** How long the upload may go without a batch arriving before the runner fails it. */
  leaseMs?: number;
  /** Validate only: the job tries every row and writes no flight. */
  dryRun?: boolean;
}

/** A fully staged upload, queued for the runner. */
export interface StagedUpload {
  jobId: string;
  total: number;
  filename?: string;
}

const MULTIPART_PROBLEMS: Record<MultipartErrorKind, [number, string, string]> = {
  not_multipart: [415, "not_multipart", 'Send multipart/form-data with the CSV in a "file" field.'],
  no_boundary: [400, "no_boundary", "The multipart Content-Type has no valid boundary."],
  no_file: [400, "no_file", 'The form has no "file" field.'],
  too_large: [413, "payload_too_large", "The upload is too large."],
  truncated: [400, "upload_truncated", "The upload ended before the file was complete."],
  malformed: [400, "malformed_multipart", "The multipart body is malformed."],
};

function uploadProblem(err: unknown): unknown {
  if (!(err instanceof MultipartError)) return err;
  const [status, code, detail] = MULTIPART_PROBLEMS[err.kind];
  return new AppError(status, code, { detail: `${detail} (${err.message})`, cause: err });
}

/** Strict UTF-8: a file in another encoding is refused rather than imported garbled. */
export function utf8Text(): TransformStream<Uint8Array, string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  const fail = () =>
    new AppError(400, "not_utf8", {
      detail: `The file is not UTF-8 text (bad bytes after byte ${offset}).`,
    });
  return new TransformStream({
    transform(chunk, controller) {
      let text;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw fail();
      }
      offset += chunk.length;
      if (text) controller.enqueue(text);
    },
    flush(controller) {
      let text;
      try {
        text = decoder.decode();
      } catch {
        throw fail();
      }
      if (text) controller.enqueue(text);
    },
  });
}

const timedOut = () =>
  new AppError(408, "upload_timeout", {
    title: "Request Timeout",
    detail: "The upload stalled for too long and was abandoned.",
  });

function staged(record: CsvRecord): StagedRow {
  if ("error" in record) {
    const { line, error, raw, rawTruncated } = record;
    // Postgres text cannot hold NUL: the raw text shows where one was.
    return {
      line,
      fields: null,
      parseError: error,
      raw: raw.replaceAll("\0", "\uFFFD"),
      rawTruncated,
    };
  }
  // Postgres text cannot hold NUL; such a row is rejected like any other unreadable one.
  if (record.fields.some((f) => f.includes("\0"))) {
    const text = csvRecordText(record.fields).replaceAll("\0", "\uFFFD");
    const parseError = "the row contains a NUL character";
    return { line: record.line, fields: null, parseError, ...rawText(text) };
  }
  return { line: record.line, fields: record.fields, parseError: null };
}

/**
 * Reads the upload, checks its header row, and stages every record under a new job. A bad
 * header, an empty file or a broken body is an AppError; a job created on the way is failed
 * with its staged rows deleted. Resolves once the job is queued.
 */
export async function stageFlightCsv(
  deps: UploadDeps,
  upload: FlightCsvUpload,
): Promise<StagedUpload> {
  const file = await readMultipartFile(upload.body, upload.contentType, {
    field: "file",
    maxBytes: upload.maxBytes,
  }).catch((err) => Promise.reject(uploadProblem(err)));
  const records = file.body.pipeThrough(utf8Text()).pipeThrough(csvRecordStream()).getReader();
  const next = async () => {
    try {
      const { done, value } = await records.read();
      return done ? undefined : value;
    } catch (err) {
      throw uploadProblem(err);
    }
  };
  let jobId: string | undefined;
  try {
    const header = await next();
    if (!header) throw new AppError(400, "empty_file", { detail: "The file is empty." });
    if ("error" in header) {
      throw new AppError(400, "invalid_header", {
        detail: `The header row (line ${header.line}) cannot be read: ${header.error}.`,
      });
    }
    const parsed = parseFlightCsvHeader(header.fields);
    if (!parsed.ok) {
      throw invalidInput(parsed.problems, "The header row is not a flight CSV header.");
    }
    const lease = () => new Date(deps.clock.now().getTime() + (upload.leaseMs ?? 600_000));
    const open = () =>
      createUploadJob(deps.sql, {
        kind: FLIGHT_CSV_JOB,
        input: {
          filename: file.filename ?? null,
          columns: parsed.columns,
          dryRun: upload.dryRun === true,
        },
        createdBy: upload.createdBy,
        now: deps.clock.now(),
        leaseUntil: lease(),
      });
    const stage = async (rows: StagedRow[]) => {
      jobId ??= await open();
      if (!await stageJobRows(deps.sql, jobId, rows, lease())) throw timedOut();
    };
    const batchSize = upload.batchSize ?? 1000;
    let batch: StagedRow[] = [];
    let total = 0;
    for (let record = await next(); record; record = await next()) {
      batch.push(staged(record));
      total++;
      if (batch.length < batchSize) continue;
      await stage(batch);
      batch = [];
    }
    if (!total) {
      throw new AppError(400, "no_rows", { detail: "The file has a header row but no flights." });
    }
    await stage(batch);
    if (!await completeUpload(deps.sql, jobId!, total)) throw timedOut();
    return { jobId: jobId!, total, filename: file.filename };
  } catch (err) {
    if (jobId) {
      const why = err instanceof AppError ? err.detail ?? err.code : "the upload failed";
      await failJob(deps.sql, jobId, `${why} Nothing was imported.`, deps.clock.now())
        .catch((e) => deps.log.error("could not fail an upload job", { jobId, error: e }));
    }
    throw err;
  } finally {
    records.cancel().catch(() => {});
  }
}
