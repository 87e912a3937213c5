"""Classify the user's intent with a cheap model served by DeepSeek's API."""
import os

from openai import OpenAI

router_client = OpenAI(api_key=os.environ.get("DEEPSEEK_API_KEY"), base_url="https://api.deepseek.com")

INTENTS = ["billing", "bug", "how-to", "other"]


def route(question: str) -> str:
    reply = router_client.chat.completions.create(
        model="deepseek-chat",
        messages=[
            {"role": "system", "content": "Answer with one word: " + ", ".join(INTENTS)},
            {"role": "user", "content": question},
        ],
        temperature=0,
    )
    return (reply.choices[0].message.content or "other").strip().lower()
