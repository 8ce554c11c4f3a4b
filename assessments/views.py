from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import services
from assessments.candidacy import (
    ANTIDEPRESSANT_TRIALS,
    OTHER_TREATMENTS,
    SAFETY_ANSWERS,
    condition_links,
    meaning,
    references_used,
)
from assessments.charts import history_chart, scale_picture
from assessments.flows import (
    AGE,
    ANSWERS_KEPT_FOR,
    FLOWS,
    FULL,
    STEP_TITLES,
    UNDER_18,
    Answers,
    Flow,
)
from assessments.forms import DeleteForm, PlaceForm, SaveForm, form_for
from assessments.instruments import INSTRUMENTS, PC_PTSD_5, PHQ9
from assessments.references import REFERENCES
from assessments.wording import NOTHING_POINTS_TO_KETAMINE


def _flow(slug: str) -> Flow:
    try:
        return FLOWS[slug]
    except KeyError:
        raise Http404 from None


def _step_url(flow: Flow, step: str) -> str:
    return reverse("assessments:step", args=[flow.slug, step])


def _resume_url(flow: Flow, answers: Answers) -> str:
    step = answers.first_incomplete(flow)
    if step is None:
        return reverse("assessments:result", args=[flow.slug])
    return _step_url(flow, step)


@never_cache
@require_GET
def intro(request):
    answers = Answers(request.session)
    return render(
        request,
        "assessments/intro.html",
        {
            "flow": FULL,
            "in_progress": bool(answers),
            "resume_url": _resume_url(FULL, answers),
            "first_step_url": _step_url(FULL, FULL.steps[0]),
            "instruments": INSTRUMENTS.values(),
            "minutes_kept": int(ANSWERS_KEPT_FOR.total_seconds() // 60),
        },
    )


@never_cache
@require_GET
def start(request, flow):
    return redirect(_resume_url(_flow(flow), Answers(request.session)))


def _progress(flow: Flow, answers: Answers, current: str) -> list[dict]:
    return [
        {
            "title": STEP_TITLES[step],
            "url": _step_url(flow, step) if answers.reachable(flow, step) else "",
            "current": step == current,
            "complete": answers.is_complete(step),
        }
        for step in flow.steps
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, flow, step):
    flow = _flow(flow)
    if step not in flow.steps:
        raise Http404
    answers = Answers(request.session)
    if not answers.reachable(flow, step):
        return redirect(_resume_url(flow, answers))
    position = flow.steps.index(step)

    if request.method == "POST":
        form = form_for(step, request.POST)
        complete = form.is_valid()
        answers.record(step, form.stored_values(), complete=complete)
        # The session that holds answers ends when they are forgotten, not weeks later.
        request.session.set_expiry(int(ANSWERS_KEPT_FOR.total_seconds()))
        if step == AGE and complete and form.cleaned_data["age"] == UNDER_18:
            answers.forget()
            return redirect("assessments:adults_only")
        if request.POST.get("direction") == "back":
            if position == 0:
                return redirect("assessments:intro")
            return redirect(_step_url(flow, flow.steps[position - 1]))
        if complete:
            return redirect(_resume_url(flow, answers))
    else:
        form = form_for(step, stored=answers.values(step))

    return render(
        request,
        "assessments/step.html",
        {
            "flow": flow,
            "step": step,
            "title": STEP_TITLES[step],
            "form": form,
            "instrument": INSTRUMENTS.get(step),
            "is_pc_ptsd_5": step == PC_PTSD_5.code,
            "number": position + 1,
            "count": len(flow.steps),
            "progress": _progress(flow, answers, step),
            "is_last": position == len(flow.steps) - 1,
            # Answers sent are recorded even when incomplete, so this covers the step itself.
            "self_harm_mentioned": answers.values(PHQ9.code).get("item_9", 0) > 0,
        },
    )


def _item9_answer(result) -> str:
    if PHQ9.code not in result.bodies:
        return ""
    value = result.bodies[PHQ9.code]["answers"][8]
    return next(str(choice.label) for choice in PHQ9.choices if choice.value == value)


def _render_result(request, flow: Flow, answers: Answers, save_form: SaveForm):
    result = services.result_for(flow, answers)
    scores = list(result.scores.values())
    place_form = PlaceForm(request.GET if request.GET.get("near") else None)
    cited = references_used(scores, result.advice)
    return render(
        request,
        "assessments/result.html",
        {
            "flow": flow,
            "result": result,
            "crisis_first": result.self_harm,
            "scores": [
                {
                    "score": score,
                    "picture": scale_picture(score),
                    "meaning": meaning(score),
                    "unscored": result.unscored.get(score.instrument.code, []),
                    "no_stressful_experience": result.denies_stressful_experience,
                }
                for score in scores
            ],
            "condition_links": condition_links(result.advice),
            "nothing_points_to_ketamine": NOTHING_POINTS_TO_KETAMINE,
            "advice": result.advice,
            "trials_label": dict(ANTIDEPRESSANT_TRIALS).get(
                result.treatments.get("antidepressant_trials")
            ),
            "other_treatments": [
                label
                for code, label in OTHER_TREATMENTS
                if code in result.treatments.get("other_treatments", [])
            ],
            "health_concerns": [
                (question, dict(SAFETY_ANSWERS)[result.safety[question.code]])
                for question in (result.advice.concerns if result.advice else ())
            ],
            "phq9_item9_answer": _item9_answer(result),
            "offer_pcl5": PC_PTSD_5.code in result.scores
            and result.scores[PC_PTSD_5.code].band.code == "positive",
            "now": timezone.now(),
            "references": [REFERENCES[key] for key in cited],
            "reference_numbers": {key: number for number, key in enumerate(cited, start=1)},
            "save_form": save_form,
            "place_form": place_form,
            # The place the finder links carry, once the seeker has given one we know.
            "near": place_form.cleaned_data["near"] if place_form.is_valid() else "",
            "minutes_kept": int(ANSWERS_KEPT_FOR.total_seconds() // 60),
        },
    )


@never_cache
@require_GET
def result(request, flow):
    flow = _flow(flow)
    answers = Answers(request.session)
    if not answers.finished(flow):
        return redirect(_resume_url(flow, answers))
    return _render_result(request, flow, answers, SaveForm())


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def save(request, flow):
    flow = _flow(flow)
    answers = Answers(request.session)
    # GET arrives only after signing in on the way here; the choice to save is made on the result.
    if request.method == "GET" or not answers.finished(flow):
        return redirect(_resume_url(flow, answers))
    form = SaveForm(request.POST)
    if not form.is_valid():
        return _render_result(request, flow, answers, form)
    services.save_results(
        request.user, services.result_for(flow, answers), str(form.fields["consent"].label)
    )
    answers.forget()
    messages.success(request, _("Your results are saved. Only you can see them."))
    return redirect("assessments:history")


@require_POST
def clear(request):
    Answers(request.session).forget()
    messages.success(request, _("Your answers have been cleared."))
    return redirect("assessments:intro")


@require_GET
def adults_only(request):
    return render(request, "assessments/adults_only.html")


@never_cache
@require_GET
@login_required
def history(request):
    groups = []
    for code, saved in services.history(request.user).items():
        instrument = INSTRUMENTS[code]
        bands = services.bands(code)
        groups.append(
            {
                "instrument": instrument,
                "results": saved,
                "chart": history_chart(
                    [(item.created_at, item.total) for item in saved],
                    bands,
                    instrument.maximum_total,
                ),
                "band_labels": {band.code: band.label for band in bands},
            }
        )
    return render(
        request,
        "assessments/history.html",
        {"groups": groups, "instruments": INSTRUMENTS.values()},
    )


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_GET
@login_required
def export_csv(request):
    return _download(
        services.export_csv(request.user), "text/csv; charset=utf-8", "psycle-results.csv"
    )


@never_cache
@require_GET
@login_required
def export_json(request):
    return _download(services.export_json(request.user), "application/json", "psycle-results.json")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def delete(request):
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        delete_account = form.cleaned_data["delete_account"]
        services.delete_everything(request.user, delete_account=delete_account)
        if delete_account:
            logout(request)
            messages.success(request, _("Your account and everything in it have been deleted."))
            return redirect("assessments:intro")
        messages.success(request, _("Everything you saved has been deleted."))
        return redirect("assessments:history")
    return render(request, "assessments/delete.html", {"form": form})
