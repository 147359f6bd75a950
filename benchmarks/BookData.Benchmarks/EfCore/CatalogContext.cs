using Microsoft.EntityFrameworkCore;

namespace BookData.Benchmarks.EfCore;

/// <summary>An EF Core model of the tables BookData's migration 0001 creates (the schema is not created by EF).</summary>
public sealed class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
{
    public DbSet<AuthorEntity> Authors => Set<AuthorEntity>();

    public DbSet<BookEntity> Books => Set<BookEntity>();

    public DbSet<PublisherEntity> Publishers => Set<PublisherEntity>();

    public DbSet<BookPublisherEntity> BookPublishers => Set<BookPublisherEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuthorEntity>(author =>
        {
            author.ToTable("author");
            author.HasKey(a => a.AuthorId);
            author.Property(a => a.AuthorId).HasColumnName("author_id");
            author.Property(a => a.FirstName).HasColumnName("first_name");
            author.Property(a => a.LastName).HasColumnName("last_name");
        });

        modelBuilder.Entity<PublisherEntity>(publisher =>
        {
            publisher.ToTable("publisher");
            publisher.HasKey(p => p.PublisherId);
            publisher.Property(p => p.PublisherId).HasColumnName("publisher_id");
            publisher.Property(p => p.Name).HasColumnName("name");
        });

        modelBuilder.Entity<BookEntity>(book =>
        {
            book.ToTable("book");
            book.HasKey(b => b.BookId);
            book.Property(b => b.BookId).HasColumnName("book_id");
            book.Property(b => b.AuthorId).HasColumnName("author_id");
            book.Property(b => b.Title).HasColumnName("title");
            book.HasOne(b => b.Author).WithMany(a => a.Books).HasForeignKey(b => b.AuthorId);
            book.HasMany(b => b.Publishers).WithMany(p => p.Books).UsingEntity<BookPublisherEntity>(
                right => right.HasOne(bp => bp.Publisher).WithMany(p => p.BookLinks).HasForeignKey(bp => bp.PublisherId),
                left => left.HasOne(bp => bp.Book).WithMany().HasForeignKey(bp => bp.BookId),
                link =>
                {
                    link.ToTable("book_publisher");
                    link.HasKey(bp => new { bp.BookId, bp.PublisherId });
                    link.Property(bp => bp.BookId).HasColumnName("book_id");
                    link.Property(bp => bp.PublisherId).HasColumnName("publisher_id");
                });
        });
    }
}
