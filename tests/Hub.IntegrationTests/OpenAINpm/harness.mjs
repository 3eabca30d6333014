// What every npm client script shares: the official `openai` client, changed only in baseURL and apiKey
// (retries off: a test sees the first answer); named scenarios whose result, or the error the package
// raised, is collected; a stream read to its end; and one JSON object printed for the C# test to assert on.
// NpmOpenAIPackage copies it beside each script it runs, so scripts import it as './harness.mjs'.
import OpenAI from 'openai';

export const baseURL = process.env.HUB_BASE_URL;
export const client = new OpenAI({ baseURL, apiKey: process.env.HUB_API_KEY, maxRetries: 0 });
export const results = {};

/** Runs one scenario; an error becomes { threw: <the package's error class>, status, code, type, message, correlationId }. */
export async function scenario(name, run) {
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = {
      threw: error?.constructor?.name,
      status: error?.status ?? null,
      code: error?.code ?? null,
      type: error?.type ?? null,
      message: error?.message ?? null,
      correlationId: error?.headers?.get?.('x-hub-correlation-id') ?? null,
    };
  }
}

/** A streamed answer as the package delivers it: text, last finish reason, last usage, chunk counts, tool calls by index. */
export async function readStream(stream) {
  const read = { content: '', finish: null, usage: null, chunks: 0, usageChunks: 0, calls: [] };
  for await (const chunk of stream) {
    read.chunks++;
    read.content += chunk.choices[0]?.delta?.content ?? '';
    read.finish = chunk.choices[0]?.finish_reason ?? read.finish;
    if (chunk.usage) {
      read.usageChunks++;
      read.usage = chunk.usage;
    }
    for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) {
      read.calls[delta.index] ??= { id: '', name: '', arguments: '' };
      read.calls[delta.index].id += delta.id ?? '';
      read.calls[delta.index].name += delta.function?.name ?? '';
      read.calls[delta.index].arguments += delta.function?.arguments ?? '';
    }
  }
  return read;
}

/** Prints what every scenario observed. */
export function report() {
  process.stdout.write(JSON.stringify(results));
}
