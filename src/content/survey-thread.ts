import { serveRequests } from "../threads/thread.ts";
import { surveyArticles, type SurveyReply, type SurveyRequest } from "./article-survey.ts";

serveRequests<SurveyRequest, SurveyReply>(({ contentDir }, reply) => {
  const { paths, diagnostics, stats } = surveyArticles(contentDir);
  reply({ paths: paths.join("\0"), diagnostics, stats });
});
