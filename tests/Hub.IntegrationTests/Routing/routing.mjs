// The official `openai` npm package through a virtual model whose cheapest provider fails first.
// Prints one JSON object; RoutedClientTests asserts on it.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.HUB_BASE_URL, apiKey: process.env.HUB_API_KEY, maxRetries: 0 });
const model = process.env.HUB_MODEL;
const messages = [{ role: 'user', content: 'Say hello' }];

const { data: completion, response } = await client.chat.completions.create({ model, messages }).withResponse();
const stream = await client.chat.completions.create({ model, messages, stream: true });
let content = '';
let finish = null;
for await (const chunk of stream) {
  content += chunk.choices[0]?.delta?.content ?? '';
  finish = chunk.choices[0]?.finish_reason ?? finish;
}

console.log(JSON.stringify({
  answer: {
    content: completion.choices[0].message.content,
    provider: response.headers.get('x-hub-provider'),
    fallbacks: response.headers.get('x-hub-fallbacks'),
  },
  stream: { content, finish },
}));
