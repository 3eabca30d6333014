// Drives the gateway with the official `openai` npm package, changed only in baseURL and apiKey.
// Prints one JSON object with what each scenario observed; OpenAINpmPackageTests asserts on it.
import OpenAI from 'openai';
import { baseURL, client, readStream, report, scenario } from './harness.mjs';

await scenario('nonStreaming', async () => {
  const completion = await client.chat.completions.create({
    model: 'fake/fake-model',
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  return { content: completion.choices[0].message.content, finish: completion.choices[0].finish_reason, total: completion.usage.total_tokens };
});

await scenario('streaming', async () => {
  const stream = await client.chat.completions.create({
    model: 'fake/fake-model',
    messages: [{ role: 'user', content: 'Say hello' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const read = await readStream(stream);
  return { content: read.content, finish: read.finish, total: read.usage?.total_tokens ?? null, chunks: read.chunks };
});

await scenario('streamingTools', async () => {
  const stream = await client.chat.completions.create({
    model: 'fake/fake-tools',
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    stream: true,
  });
  const read = await readStream(stream);
  return { calls: read.calls, finish: read.finish };
});

await scenario('mockEcho', async () => {
  const completion = await client.chat.completions.create({
    model: 'mock/echo',
    messages: [{ role: 'user', content: 'Echo me, npm' }],
  });
  return { content: completion.choices[0].message.content };
});

await scenario('unknownModel', () => client.chat.completions.create({ model: 'nope/model', messages: [{ role: 'user', content: 'hi' }] }));

await scenario('badKey', () =>
  new OpenAI({ baseURL, apiKey: 'oah_notARealKey000000000000000000000000000000', maxRetries: 0 })
    .chat.completions.create({ model: 'fake/fake-model', messages: [{ role: 'user', content: 'hi' }] }));

await scenario('models', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  return { ids };
});

// The project's policy (set by the test) redacts e-mail addresses and blocks US social security numbers.
await scenario('redacted', async () => {
  const { data, response } = await client.chat.completions
    .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'Write to lee.park@example.com today.' }] })
    .withResponse();
  return { content: data.choices[0].message.content, violations: response.headers.get('x-hub-violations') };
});

await scenario('blocked', async () => {
  try {
    await client.chat.completions.create({ model: 'fake/fake-model', messages: [{ role: 'user', content: 'My SSN is 078-05-1120' }] });
    return { threw: null };
  } catch (error) {
    return {
      threw: error?.constructor?.name,
      status: error?.status ?? null,
      type: error?.type ?? null,
      message: error?.error?.message ?? null,
      violations: (error?.error?.violations ?? []).map((v) => `${v.entity}:${v.action}:${v.message_index}`),
      correlationId: error?.error?.correlation_id ?? null,
      header: error?.headers?.get?.('x-hub-correlation-id') ?? null,
    };
  }
});

// Screenshots as the npm package sends them: image_url parts with data URLs.
const imageMessage = (base64) => [{ role: 'user', content: [
  { type: 'text', text: 'What does this screenshot show?' },
  { type: 'image_url', image_url: { url: `data:image/png;base64,${base64}` } },
] }];

await scenario('imageBlocked', async () => {
  try {
    await client.chat.completions.create({ model: 'fake/fake-model', messages: imageMessage(process.env.HUB_SSN_IMAGE) });
    return { threw: null };
  } catch (error) {
    return {
      threw: error?.constructor?.name,
      type: error?.type ?? null,
      violations: (error?.error?.violations ?? []).map((v) => `${v.entity}:${v.action}:${v.message_index}:${v.image_index}`),
    };
  }
});

await scenario('imageRedacted', async () => {
  const { data, response } = await client.chat.completions
    .create({ model: 'fake/fake-model', messages: imageMessage(process.env.HUB_EMAIL_IMAGE) })
    .withResponse();
  return { content: data.choices[0].message.content, violations: response.headers.get('x-hub-violations') };
});

report();
