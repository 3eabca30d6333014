// The official `openai` npm package through a virtual model whose cheapest provider fails first.
// Prints one JSON object; RoutedClientTests asserts on it.
import { client, readStream } from './harness.mjs';

const model = process.env.HUB_MODEL;
const messages = [{ role: 'user', content: 'Say hello' }];

const { data: completion, response } = await client.chat.completions.create({ model, messages }).withResponse();
const stream = await client.chat.completions.create({ model, messages, stream: true });
const { content, finish } = await readStream(stream);

console.log(JSON.stringify({
  answer: {
    content: completion.choices[0].message.content,
    provider: response.headers.get('x-hub-provider'),
    fallbacks: response.headers.get('x-hub-fallbacks'),
  },
  stream: { content, finish },
}));
