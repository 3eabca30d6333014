// Drives the gateway's Bedrock provider with the official `openai` npm package, changed only in baseURL and apiKey.
// Prints one JSON object with what each scenario observed; BedrockNpmPackageTests asserts on it.
import { client, readStream, report, scenario } from './harness.mjs';

const textModel = process.env.HUB_TEXT_MODEL;
const toolsModel = process.env.HUB_TOOLS_MODEL;

const tools = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];

await scenario('toolsRoundTrip', async () => {
  const messages = [{ role: 'user', content: 'Weather and time in Paris?' }];
  const first = await client.chat.completions.create({ model: toolsModel, messages, tools });
  const message = first.choices[0].message;
  messages.push(message);
  for (const call of message.tool_calls) {
    messages.push({ role: 'tool', tool_call_id: call.id, content: call.function.name === 'get_weather' ? '{"sky":"sunny"}' : '12:00' });
  }
  const second = await client.chat.completions.create({ model: toolsModel, messages, tools });
  return {
    firstFinish: first.choices[0].finish_reason,
    names: message.tool_calls.map((call) => call.function.name),
    firstArguments: message.tool_calls[0].function.arguments,
    answer: second.choices[0].message.content,
  };
});

await scenario('streaming', async () => {
  const stream = await client.chat.completions.create({
    model: textModel,
    messages: [{ role: 'user', content: 'Say hello' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  const read = await readStream(stream);
  return { content: read.content, finish: read.finish, total: read.usage?.total_tokens ?? null, usageChunks: read.usageChunks };
});

report();
