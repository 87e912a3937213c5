"""Draft with self-hosted Qwen (vLLM), then write the final answer with OpenAI."""
import os

from openai import OpenAI

from app.settings import ANSWER_MODEL

drafter = OpenAI(base_url=os.getenv("VLLM_URL", "http://localhost:8000/v1"), api_key="not-needed")
writer = OpenAI()


def draft(question: str, context: str) -> str:
    out = drafter.chat.completions.create(
        model="Qwen/Qwen2.5-7B-Instruct",
        messages=[{"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"}],
    )
    return out.choices[0].message.content or ""


def answer(question: str, draft_text: str) -> str:
    out = writer.chat.completions.create(
        model=ANSWER_MODEL,
        messages=[
            {"role": "system", "content": "Polish the draft into a friendly, correct answer."},
            {"role": "user", "content": f"{question}\n\nDraft:\n{draft_text}"},
        ],
    )
    return out.choices[0].message.content or ""
