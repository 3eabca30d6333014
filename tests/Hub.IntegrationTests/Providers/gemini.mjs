// Drives Gemini through the gateway with the official `openai` npm package, changed only in baseURL and apiKey.
// Prints one JSON object with what each scenario observed; GeminiNpmClientTests asserts on it.
import { client, readStream, report, scenario } from './harness.mjs';

const tools = [
  { type: 'function', function: { name: 'get_weather', strict: true, parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];

await scenario('toolsRoundTrip', async () => {
  const messages = [{ role: 'user', content: 'Weather and time, asked by the npm package?' }];
  const first = await client.chat.completions.create({ model: 'gemini/gemini-tools', messages, tools });
  const message = first.choices[0].message;
  messages.push(message);
  messages.push({ role: 'tool', tool_call_id: message.tool_calls[0].id, content: '{"sky":"sunny"}' });
  messages.push({ role: 'tool', tool_call_id: message.tool_calls[1].id, content: 'no data' });
  const second = await client.chat.completions.create({ model: 'gemini/gemini-tools', messages, tools });
  return {
    firstFinish: first.choices[0].finish_reason,
    names: message.tool_calls.map((call) => call.function.name),
    firstArguments: message.tool_calls[0].function.arguments,
    answer: second.choices[0].message.content,
    finish: second.choices[0].finish_reason,
  };
});

await scenario('streaming', async () => {
  const stream = await client.chat.completions.create({
    model: 'gemini/gemini-text',
    messages: [{ role: 'user', content: 'Say hello, npm stream.' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const read = await readStream(stream);
  return { content: read.content, finish: read.finish, total: read.usage?.total_tokens ?? null, chunks: read.chunks };
});

report();
