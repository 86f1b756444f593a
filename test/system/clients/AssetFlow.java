import ips.*;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import com.sun.xml.ws.developer.SchemaValidationFeature;

/**
 * A client's whole upload flow with JAX-WS stubs (schema validation on): two files POSTed to the
 * UploadFile servlet (multipart/form-data, by java.net.http), the job polled by getActiveJobs
 * until it has ended, the assets found by searchAssets, then deleted by deleteAssets.
 */
public class AssetFlow {
  static final String NS = "http://www.scene7.com/IpsApi/xsd/2014-04-03";
  static final String BOUNDARY = "ipsMockAssetFlowBoundary";

  static String part(String name, String filename, String type, String content) {
    String disposition = "form-data; name=\"" + name + "\"" + (filename == null ? "" : "; filename=\"" + filename + "\"");
    return "--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n";
  }

  public static void main(String[] args) throws Exception {
    String wsdl = args[0];
    String uploadUrl = args[1];
    String company = args[2];
    IpsApiPortType port = new IpsApiService(new URL(wsdl)).getIpsApiSoapPort(new SchemaValidationFeature());
    AuthHeader user = JaxwsClient.auth("user@demo-co.test", "demo-user-pass");

    String auth = "<authHeader xmlns=\"" + NS + "\"><user>user@demo-co.test</user><password>demo-user-pass</password></authHeader>";
    String params = "<uploadPostParam xmlns=\"" + NS + "\"><companyHandle>" + company + "</companyHandle><jobName>jaxws servlet</jobName>"
        + "<destFolder>jaxws</destFolder><endJob>true</endJob><uploadParams><overwrite>true</overwrite>"
        + "<readyForPublish>false</readyForPublish><createMask>false</createMask><emailSetting>None</emailSetting></uploadParams></uploadPostParam>";
    String body = part("auth", null, "text/plain; charset=US-ASCII", auth)
        + part("uploadParams", null, "text/plain; charset=US-ASCII", params)
        + part("file1", "hat.jpg", "application/octet-stream", "not really a jpeg")
        + part("file2", "scarf.jpg", "application/octet-stream", "nor this")
        + "--" + BOUNDARY + "--\r\n";
    HttpResponse<String> posted = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(uploadUrl))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    String answer = posted.body();
    String handle = answer.replaceAll("(?s).*<jobHandle>([^<]*)</jobHandle>.*", "$1");
    System.out.println("uploaded " + posted.statusCode() + " " + handle);

    GetActiveJobsParam active = new GetActiveJobsParam();
    active.setCompanyHandle(company);
    active.setJobHandle(handle);
    int polls = 0;
    while (!port.getActiveJobs(active, user).getJobArray().getItems().isEmpty()) {
      if (++polls > 60) throw new IllegalStateException("the upload job did not end");
      Thread.sleep(250);
    }
    System.out.println("ended");

    SearchAssetsParam search = new SearchAssetsParam();
    search.setCompanyHandle(company);
    search.setFolder("demo-co/jaxws/");
    search.setIncludeSubfolders(false);
    search.setSortBy("Name");
    SearchAssetsReturn found = port.searchAssets(search, user);
    HandleArray handles = new HandleArray();
    for (Asset asset : found.getAssetArray().getItems()) {
      System.out.println("found " + asset.getName() + " " + asset.getType() + " " + asset.getFolder() + asset.getFileName());
      handles.getItems().add(asset.getAssetHandle());
    }

    DeleteAssetsParam delete = new DeleteAssetsParam();
    delete.setCompanyHandle(company);
    delete.setAssetHandleArray(handles);
    System.out.println("deleted " + port.deleteAssets(delete, user).getSuccessCount());
    System.out.println("left " + port.searchAssets(search, user).getTotalRows());
  }
}
