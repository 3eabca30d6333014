// Drives the gateway's Anthropic provider (the fake Anthropic upstream behind it) with the official
// `openai` npm package, changed only in baseURL and apiKey. Prints one JSON object with what each
// scenario observed; AnthropicClientTests asserts on it.
import { client, readStream, report, scenario } from './harness.mjs';

const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];

await scenario('toolsRoundTrip', async () => {
  const messages = [{ role: 'user', content: 'Weather and time, npm?' }];
  const first = await client.chat.completions.create({ model: 'anthropic/claude-fake-tools', messages, tools });
  const call = first.choices[0].message;
  messages.push(call);
  messages.push({ role: 'tool', tool_call_id: call.tool_calls[0].id, content: 'sunny' });
  messages.push({ role: 'tool', tool_call_id: call.tool_calls[1].id, content: 'late' });
  const second = await client.chat.completions.create({ model: 'anthropic/claude-fake-tools', messages, tools });
  return {
    firstFinish: first.choices[0].finish_reason,
    calls: call.tool_calls.map(c => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
    answer: second.choices[0].message.content,
    secondFinish: second.choices[0].finish_reason,
  };
});

await scenario('streaming', async () => {
  const stream = await client.chat.completions.create({
    model: 'anthropic/claude-fake',
    messages: [{ role: 'user', content: 'Stream hello, npm' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const { content, finish, chunks, usage } = await readStream(stream);
  return { content, finish, chunks, prompt: usage?.prompt_tokens, cached: usage?.prompt_tokens_details?.cached_tokens, total: usage?.total_tokens };
});

await scenario('midStreamError', async () => {
  const stream = await client.chat.completions.create({
    model: 'anthropic/claude-fake-midstream-error',
    messages: [{ role: 'user', content: 'Break, npm' }],
    stream: true,
  });
  const { content } = await readStream(stream);
  return { content, completed: true };
});

report();
