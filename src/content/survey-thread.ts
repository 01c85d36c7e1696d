import { repositoriesOutsidePages } from "../files/output-folder.ts";
import { catchUpStaging } from "../files/site-links.ts";
import { serveRequests } from "../threads/thread.ts";
import { surveyArticles, type CaughtUpReply, type RepositoriesReply, type SurveyReply, type SurveyRequest } from "./article-survey.ts";

serveRequests<SurveyRequest, SurveyReply | RepositoriesReply | CaughtUpReply>((request, reply) => {
  if ("folder" in request) {
    catchUpStaging(request.site, request.folder, request.changed, request.trash);
    reply({ caughtUp: true });
    return;
  }
  const { paths, diagnostics, stats } = surveyArticles(request.contentDir);
  reply({ paths: paths.join("\0"), diagnostics, stats });
  if (request.site === undefined) return;
  reply(repositoriesOutsidePages(request.site));
});
