// Drives the gateway's Bedrock provider with the official `openai` npm package, changed only in baseURL and apiKey.
// Prints one JSON object with what each scenario observed; BedrockNpmPackageTests asserts on it.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.HUB_BASE_URL, apiKey: process.env.HUB_API_KEY, maxRetries: 0 });
const textModel = process.env.HUB_TEXT_MODEL;
const toolsModel = process.env.HUB_TOOLS_MODEL;
const results = {};

async function scenario(name, run) {
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = { threw: error?.constructor?.name, status: error?.status ?? null, code: error?.code ?? null, message: error?.message ?? null };
  }
}

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
  let content = '';
  let finish = null;
  let total = null;
  let usageChunks = 0;
  for await (const chunk of stream) {
    content += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    if (chunk.usage) {
      usageChunks++;
      total = chunk.usage.total_tokens;
    }
  }
  return { content, finish, total, usageChunks };
});

process.stdout.write(JSON.stringify(results));
