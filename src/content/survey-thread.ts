import { repositoriesOutsidePages } from "../files/output-folder.ts";
import { serveRequests } from "../threads/thread.ts";
import { surveyArticles, type RepositoriesReply, type SurveyReply, type SurveyRequest } from "./article-survey.ts";

serveRequests<SurveyRequest, SurveyReply | RepositoriesReply>(({ contentDir, site }, reply) => {
  const { paths, diagnostics, stats } = surveyArticles(contentDir);
  reply({ paths: paths.join("\0"), diagnostics, stats });
  if (site === undefined) return;
  reply(repositoriesOutsidePages(site));
});
